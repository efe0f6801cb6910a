import {
  DIGEST_KIND_LABELS,
  DIGEST_PERIOD_LABELS,
  type DigestItemKind,
  formatCount,
  formatDateFr,
  formatHours,
  formatNumber,
  formatScore,
  hrDecisionLabel,
  missionModeLabel,
  NBSP,
  quoted,
} from './format';
import type { Block, EmailContent, Inline } from './layout';
import { type Links, PAGES } from './links';
import type { DigestItem, TemplateDataMap, TemplateName } from './types';

export interface TemplateDefinition<D> {
  /** Optional email (recommendations, digests…): the notifier adds RFC 8058 List-Unsubscribe headers. */
  listUnsubscribe: boolean;
  build(data: D, links: Links): EmailContent;
}

type TemplateRegistry = { [K in TemplateName]: TemplateDefinition<TemplateDataMap[K]> };

// ---------------------------------------------------------------------------------------------
// Small content helpers

function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function hello(firstName?: string): Block {
  const name = present(firstName);
  return { kind: 'paragraph', content: [name ? `Bonjour ${name},` : 'Bonjour,'] };
}

function p(...content: Inline[]): Block {
  return { kind: 'paragraph', content };
}

function strong(text: string): Inline {
  return { strong: text };
}

function button(label: string, href: string): Block {
  return { kind: 'button', label, href };
}

/** A quote block when the text is present, nothing otherwise. */
function optionalQuote(label: string, text: string | null | undefined): Block[] {
  const value = present(text);
  return value ? [{ kind: 'quote', label, text: value }] : [];
}

const colon = `${NBSP}:`;

const WHY = {
  association: (associationName?: string) =>
    associationName
      ? `Vous recevez cet e-mail en tant que membre de l’association ${associationName} sur Passerelle.`
      : 'Vous recevez cet e-mail en tant que membre d’une association qui publie des missions sur Passerelle.',
  applicant: 'Vous recevez cet e-mail parce que vous avez candidaté à cette mission sur Passerelle.',
  participant:
    'Vous recevez cet e-mail parce que vous participez à cette mission de mécénat de compétences sur Passerelle.',
  hours:
    'Vous recevez cet e-mail parce que vous avez déclaré des heures de mécénat de compétences sur Passerelle.',
} as const;

const DIGEST_KIND_ORDER = Object.keys(DIGEST_KIND_LABELS) as DigestItemKind[];

function digestSections(items: DigestItem[], links: Links): Block[] {
  const blocks: Block[] = [];
  for (const kind of DIGEST_KIND_ORDER) {
    const ofKind = items.filter((item) => item.kind === kind);
    if (ofKind.length === 0) continue;
    blocks.push({ kind: 'subheading', text: DIGEST_KIND_LABELS[kind] });
    blocks.push({
      kind: 'list',
      items: ofKind.map((item): Inline[] => {
        const url = present(item.url);
        return url ? [{ link: item.title, href: links.resolve(url) }] : [item.title];
      }),
    });
  }
  // Items of a kind this version does not know about (a newer notifier) are still shown.
  const known = new Set<string>(DIGEST_KIND_ORDER);
  const others = items.filter((item) => !known.has(item.kind));
  if (others.length) {
    blocks.push({ kind: 'subheading', text: 'Autres nouveautés' });
    blocks.push({
      kind: 'list',
      items: others.map((item): Inline[] => {
        const url = present(item.url);
        return url ? [{ link: item.title, href: links.resolve(url) }] : [item.title];
      }),
    });
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Templates

export const TEMPLATES: TemplateRegistry = {
  'account.verify-email': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: 'Confirmez votre adresse e-mail pour activer votre compte Passerelle',
      preheader: 'Un clic pour activer votre compte Passerelle.',
      heading: 'Bienvenue sur Passerelle',
      blocks: [
        hello(data.firstName),
        p(
          'Merci pour votre inscription sur Passerelle, la plateforme qui met en relation les postiers et postières avec les associations de l’Alliance Dynamique pour des missions de mécénat de compétences.',
        ),
        p(`Pour activer votre compte, confirmez votre adresse e-mail${colon}`),
        button('Confirmer mon adresse e-mail', links.withToken(PAGES.verifyEmail, data.token)),
        p('Ce lien est personnel, valable pour une durée limitée et utilisable une seule fois.'),
      ],
      why: `Vous recevez cet e-mail parce que cette adresse a été utilisée pour créer un compte Passerelle. Si ce n’est pas vous, ignorez simplement ce message${colon} aucun compte ne sera activé.`,
    }),
  },

  'account.password-reset': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: 'Réinitialisez votre mot de passe Passerelle',
      preheader: 'Choisissez un nouveau mot de passe pour votre compte Passerelle.',
      heading: 'Réinitialisation de votre mot de passe',
      blocks: [
        hello(data.firstName),
        p(
          `Une réinitialisation du mot de passe de votre compte Passerelle a été demandée. Pour choisir un nouveau mot de passe${colon}`,
        ),
        button('Choisir un nouveau mot de passe', links.withToken(PAGES.passwordReset, data.token)),
        p(
          `Ce lien est valable pour une durée limitée et utilisable une seule fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message${colon} votre mot de passe actuel reste inchangé.`,
        ),
      ],
      why: 'Vous recevez cet e-mail parce qu’une réinitialisation du mot de passe a été demandée pour le compte Passerelle associé à cette adresse.',
    }),
  },

  'account.hr-invitation': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: 'Votre accès ressources humaines à Passerelle',
      preheader: 'Définissez votre mot de passe pour accéder à votre espace RH.',
      heading: 'Votre accès RH à Passerelle',
      blocks: [
        hello(data.firstName),
        p(
          'Un compte ressources humaines a été créé pour vous sur Passerelle, la plateforme de mécénat de compétences de La Poste avec les associations de l’Alliance Dynamique.',
        ),
        { kind: 'facts', rows: [{ label: 'Votre périmètre', value: data.scopeLabel }] },
        p(
          'Vous pourrez y approuver le temps de mission des postiers et postières de votre périmètre, valider les heures réalisées et consulter les rapports.',
        ),
        p(`Pour commencer, définissez votre mot de passe${colon}`),
        button('Définir mon mot de passe', links.withToken(PAGES.setPassword, data.token)),
        p('Ce lien est personnel, valable pour une durée limitée et utilisable une seule fois.'),
      ],
      why: 'Vous recevez cet e-mail parce que l’équipe Alliance Dynamique vous a ouvert un accès RH sur Passerelle. Si vous pensez qu’il s’agit d’une erreur, ignorez ce message.',
    }),
  },

  'account.inactivity-reminder': {
    listUnsubscribe: false,
    build: (data, links) => {
      const date = formatDateFr(data.deletionDate);
      const last = data.reminderNumber === 2;
      return {
        subject: last
          ? `Dernier rappel${colon} votre compte Passerelle sera supprimé le ${date}`
          : `Votre compte Passerelle sera supprimé le ${date}`,
        preheader: `Connectez-vous avant le ${date} pour conserver votre compte.`,
        heading: last
          ? 'Dernier rappel avant la suppression de votre compte'
          : 'Votre compte Passerelle est inactif',
        blocks: [
          hello(data.firstName),
          p('Votre compte Passerelle n’a pas été utilisé depuis longtemps.'),
          p(
            'Pour protéger vos données personnelles, nous supprimons les comptes inactifs. Le vôtre sera supprimé le ',
            strong(date),
            ', avec les informations qu’il contient.',
          ),
          p('Pour le conserver, il vous suffit de vous connecter avant cette date.'),
          button('Me connecter', links.page(PAGES.login)),
          ...(last
            ? [p('Sans connexion de votre part, ce message est le dernier que vous recevrez de Passerelle.')]
            : []),
        ],
        why: 'Vous recevez cet e-mail parce qu’un compte Passerelle inactif est associé à cette adresse.',
      };
    },
  },

  'association.label-granted': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: `${data.associationName} est labellisée Alliance Dynamique`,
      preheader: 'Vous pouvez dès maintenant publier des missions sur Passerelle.',
      heading: 'Votre association est labellisée',
      blocks: [
        hello(),
        p(
          `Bonne nouvelle${colon} l’équipe Alliance Dynamique a labellisé `,
          strong(data.associationName),
          '. Vous pouvez dès maintenant publier des missions de mécénat de compétences et recevoir les candidatures des postiers et postières.',
        ),
        button('Publier une mission', links.page(PAGES.associationNewMission)),
      ],
      why: WHY.association(data.associationName),
    }),
  },

  'association.label-refused': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: `Votre demande de label pour ${data.associationName}`,
      preheader: 'La demande de label de votre association n’a pas été retenue.',
      heading: 'Votre demande de label n’a pas été retenue',
      blocks: [
        hello(),
        p(
          'L’équipe Alliance Dynamique a examiné la demande de label de ',
          strong(data.associationName),
          ' et ne peut pas y donner une suite favorable.',
        ),
        ...optionalQuote('Motif', data.reason),
        p(
          'Pour toute question sur cette décision, contactez votre correspondant régional de l’Alliance Dynamique.',
        ),
        button('Voir mon espace association', links.page(PAGES.associationSpace)),
      ],
      why: WHY.association(data.associationName),
    }),
  },

  'association.label-suspended': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: `Label suspendu${colon} ${data.associationName}`,
      preheader: 'Le label Alliance Dynamique de votre association est suspendu.',
      heading: 'Le label de votre association est suspendu',
      blocks: [
        hello(),
        p(
          'L’équipe Alliance Dynamique a suspendu le label de ',
          strong(data.associationName),
          '. Pendant la suspension, vous ne pouvez plus publier de missions sur Passerelle.',
        ),
        ...optionalQuote('Motif', data.reason),
        p(
          'Pour en parler ou demander le rétablissement du label, contactez votre correspondant régional de l’Alliance Dynamique.',
        ),
        button('Voir mon espace association', links.page(PAGES.associationSpace)),
      ],
      why: WHY.association(data.associationName),
    }),
  },

  'association.new-application': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: `Nouvelle candidature pour ${quoted(data.missionTitle)}`,
      preheader: `${data.applicantFirstName} souhaite s’engager sur votre mission.`,
      heading: 'Nouvelle candidature',
      blocks: [
        hello(),
        p(
          strong(data.applicantFirstName),
          ' a candidaté à votre mission ',
          strong(quoted(data.missionTitle)),
          '.',
        ),
        p('Consultez sa motivation et donnez-lui une réponse dès que possible.'),
        button(
          'Voir les candidatures',
          links.page(PAGES.associationMissions, data.missionId, 'candidatures'),
        ),
      ],
      why: WHY.association(data.associationName),
    }),
  },

  'association.application-withdrawn': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: `Candidature retirée pour ${quoted(data.missionTitle)}`,
      preheader: 'Une candidature à votre mission a été retirée.',
      heading: 'Une candidature a été retirée',
      blocks: [
        hello(),
        p(
          'Une candidature à votre mission ',
          strong(quoted(data.missionTitle)),
          ' a été retirée par son auteur.',
        ),
        p('Aucune action n’est nécessaire de votre part.'),
        button(
          'Voir les candidatures',
          links.page(PAGES.associationMissions, data.missionId, 'candidatures'),
        ),
      ],
      why: WHY.association(),
    }),
  },

  'association.hours-to-confirm': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: `Heures à confirmer pour ${quoted(data.missionTitle)}`,
      preheader: `${formatCount(data.count, 'déclaration')} d’heures attendent votre confirmation.`,
      heading: 'Des heures attendent votre confirmation',
      blocks: [
        hello(),
        p(
          'Des heures ont été déclarées pour votre mission ',
          strong(quoted(data.missionTitle)),
          `. Merci de confirmer qu’elles correspondent au temps réellement donné${colon} elles seront ensuite validées par les ressources humaines de La Poste.`,
        ),
        {
          kind: 'facts',
          rows: [
            { label: 'Déclarations à confirmer', value: formatNumber(data.count) },
            { label: 'Total', value: formatHours(data.hours) },
          ],
        },
        button('Confirmer les heures', links.page(PAGES.associationHours)),
      ],
      why: WHY.association(),
    }),
  },

  'postier.recommendations': {
    listUnsubscribe: true,
    build: (data, links) => {
      const count = data.missions.length;
      const cards = data.missions.map((mission): Block => {
        const commune = present(mission.communeName);
        return {
          kind: 'card',
          title: mission.title,
          href: links.page(PAGES.mission, mission.id),
          meta: [
            mission.associationName,
            missionModeLabel(mission.mode),
            ...(commune ? [commune] : []),
            `Compatibilité${colon} ${formatScore(mission.score)}`,
          ],
          bulletsLabel: 'Pourquoi cette mission',
          bullets: mission.reasons.filter((reason) => reason.trim() !== ''),
        };
      });
      return {
        subject:
          count === 0
            ? 'Des missions pour vous sur Passerelle'
            : count === 1
              ? 'Une mission qui pourrait vous correspondre'
              : `${count} missions qui pourraient vous correspondre`,
        preheader: 'Des missions de mécénat de compétences choisies d’après votre profil.',
        heading: 'Des missions faites pour vous',
        blocks: [
          hello(data.firstName),
          count === 0
            ? p(
                'Aucune nouvelle mission ne correspond à votre profil pour l’instant. Nous vous écrirons dès qu’il y en aura.',
              )
            : p(
                `D’après votre profil (compétences, commune, disponibilités et domaines d’intérêt), ${count === 1 ? 'cette mission pourrait' : 'ces missions pourraient'} vous intéresser${colon}`,
              ),
          ...cards,
          button('Voir toutes mes recommandations', links.page(PAGES.recommendations)),
        ],
        why: 'Vous recevez cet e-mail parce que vous avez choisi de recevoir des recommandations de missions sur Passerelle. Les associations ne voient pas votre profil tant que vous ne candidatez pas.',
        preferencesHref: links.page(PAGES.notificationPreferences),
      };
    },
  },

  'postier.digest': {
    listUnsubscribe: true,
    build: (data, links) => {
      const periodLabel = DIGEST_PERIOD_LABELS[data.period];
      const count = data.items.length;
      return {
        subject: `Votre récapitulatif ${periodLabel} Passerelle`,
        preheader:
          count === 0
            ? 'Rien de nouveau cette fois-ci.'
            : `${formatCount(count, 'nouveauté')} sur Passerelle.`,
        heading:
          data.period === 'daily' ? 'Votre récapitulatif du jour' : 'Votre récapitulatif de la semaine',
        blocks: [
          hello(data.firstName),
          count === 0
            ? p('Rien de nouveau depuis votre dernier récapitulatif.')
            : p(`Voici les nouveautés qui vous concernent depuis votre dernier récapitulatif${colon}`),
          ...digestSections(data.items, links),
          button('Ouvrir Passerelle', links.page('/')),
        ],
        why: `Vous recevez ce récapitulatif ${periodLabel} parce que vous l’avez choisi dans vos préférences de notification Passerelle.`,
        preferencesHref: links.page(PAGES.notificationPreferences),
      };
    },
  },

  'postier.mission-invitation': {
    listUnsubscribe: true,
    build: (data, links) => ({
      subject: `${data.associationName} vous invite sur la mission ${quoted(data.missionTitle)}`,
      preheader: 'Votre profil correspond à ce que recherche une association.',
      heading: 'Une association pense à vous',
      blocks: [
        hello(data.firstName),
        p(
          'L’association ',
          strong(data.associationName),
          ' vous invite à découvrir sa mission ',
          strong(quoted(data.missionTitle)),
          `${colon} votre profil correspond à ce qu’elle recherche.`,
        ),
        p('Elle ne connaît pas votre identité et ne la découvrira que si vous décidez de candidater.'),
        button('Découvrir la mission', links.page(PAGES.mission, data.missionId)),
      ],
      why: 'Vous recevez cet e-mail parce que vous avez accepté, dans votre profil Passerelle, d’être proposé aux associations pour leurs missions.',
      preferencesHref: links.page(PAGES.notificationPreferences),
    }),
  },

  'postier.application-accepted': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: `Votre candidature pour ${quoted(data.missionTitle)} est acceptée`,
      preheader: 'L’association a accepté votre candidature.',
      heading: 'Votre candidature est acceptée',
      blocks: [
        hello(),
        p(
          `Bonne nouvelle${colon} l’association a accepté votre candidature à la mission `,
          strong(quoted(data.missionTitle)),
          '.',
        ),
        ...optionalQuote('Message de l’association', data.reason),
        p(
          `Prochaine étape${colon} vos ressources humaines doivent approuver le temps consacré à cette mission. Vous recevrez un e-mail dès leur décision.`,
        ),
        button('Voir la mission', links.page(PAGES.mission, data.missionId)),
      ],
      why: WHY.applicant,
    }),
  },

  'postier.application-declined': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: `Votre candidature pour ${quoted(data.missionTitle)}`,
      preheader: 'L’association a répondu à votre candidature.',
      heading: 'Votre candidature n’a pas été retenue',
      blocks: [
        hello(),
        p(
          'L’association a examiné votre candidature à la mission ',
          strong(quoted(data.missionTitle)),
          ' et ne peut pas y donner suite cette fois-ci.',
        ),
        ...optionalQuote('Message de l’association', data.reason),
        p(`Merci pour votre engagement${NBSP}! D’autres missions vous attendent sur Passerelle.`),
        button('Voir mes recommandations', links.page(PAGES.recommendations)),
      ],
      why: WHY.applicant,
    }),
  },

  'postier.hr-decision': {
    listUnsubscribe: false,
    build: (data, links) => {
      const approved = data.decision === 'approved';
      const label = hrDecisionLabel(data.decision);
      return {
        subject: `Votre participation à ${quoted(data.missionTitle)} est ${label} par les RH`,
        preheader: approved
          ? 'Vous pouvez commencer la mission et déclarer vos heures.'
          : 'Les ressources humaines n’ont pas accepté le temps demandé.',
        heading: approved ? 'Votre participation est acceptée' : 'Votre participation n’a pas été acceptée',
        blocks: [
          hello(),
          p(
            'Votre participation à la mission ',
            strong(quoted(data.missionTitle)),
            ' a été ',
            strong(label),
            ' par les ressources humaines.',
          ),
          ...optionalQuote('Commentaire des RH', data.comment),
          approved
            ? p(
                'Vous pouvez commencer la mission avec l’association et déclarer vos heures au fur et à mesure.',
              )
            : p(
                'Le temps consacré à cette mission ne pourra pas être pris sur votre temps de travail. Pour en savoir plus, rapprochez-vous de votre responsable ou de vos ressources humaines.',
              ),
          approved
            ? button('Déclarer mes heures', links.page(PAGES.myHours))
            : button('Voir mes candidatures', links.page(PAGES.myApplications)),
        ],
        why: WHY.participant,
      };
    },
  },

  'postier.hours-validated': {
    listUnsubscribe: false,
    build: (data, links) => {
      const date = formatDateFr(data.date);
      return {
        subject: `Vos heures du ${date} sont validées`,
        preheader: `${formatHours(data.hours)} validées pour ${quoted(data.missionTitle)}.`,
        heading: 'Vos heures sont validées',
        blocks: [
          hello(),
          p(
            'Les heures que vous avez déclarées pour la mission ',
            strong(quoted(data.missionTitle)),
            ' sont validées.',
          ),
          {
            kind: 'facts',
            rows: [
              { label: 'Date', value: date },
              { label: 'Durée', value: formatHours(data.hours) },
            ],
          },
          ...optionalQuote('Commentaire', data.reason),
          p(`Merci pour votre engagement${NBSP}!`),
          button('Voir mes heures', links.page(PAGES.myHours)),
        ],
        why: WHY.hours,
      };
    },
  },

  'postier.hours-rejected': {
    listUnsubscribe: false,
    build: (data, links) => {
      const date = formatDateFr(data.date);
      return {
        subject: `Vos heures du ${date} n’ont pas été validées`,
        preheader: `Votre déclaration pour ${quoted(data.missionTitle)} n’a pas été validée.`,
        heading: 'Vos heures n’ont pas été validées',
        blocks: [
          hello(),
          p(
            'Les heures que vous avez déclarées pour la mission ',
            strong(quoted(data.missionTitle)),
            ' n’ont pas été validées.',
          ),
          {
            kind: 'facts',
            rows: [
              { label: 'Date', value: date },
              { label: 'Durée', value: formatHours(data.hours) },
            ],
          },
          ...optionalQuote('Motif', data.reason),
          p('Vous pouvez vérifier votre déclaration et, si besoin, en saisir une nouvelle.'),
          button('Voir mes heures', links.page(PAGES.myHours)),
        ],
        why: WHY.hours,
      };
    },
  },

  'hr.digest': {
    listUnsubscribe: false,
    build: (data, links) => {
      const parts: string[] = [];
      if (data.approvalsWaiting > 0)
        parts.push(`${formatCount(data.approvalsWaiting, 'participation')} à approuver`);
      if (data.hoursToValidate > 0) {
        parts.push(`${formatCount(data.hoursToValidate, 'déclaration')} d’heures à valider`);
      }
      const summary = parts.length ? parts.join(' et ') : 'rien en attente';
      return {
        subject: `Passerelle RH${colon} ${summary}`,
        preheader: `Sur votre périmètre${colon} ${summary}.`,
        heading: 'Ce qui attend votre décision',
        blocks: [
          hello(),
          parts.length
            ? p(`Voici ce qui attend votre décision sur votre périmètre${colon}`)
            : p('Rien n’attend votre décision sur votre périmètre pour le moment.'),
          {
            kind: 'facts',
            rows: [
              { label: 'Participations à approuver', value: formatNumber(data.approvalsWaiting) },
              { label: 'Déclarations d’heures à valider', value: formatNumber(data.hoursToValidate) },
              { label: 'Total des heures à valider', value: formatHours(data.hoursToValidateTotal) },
            ],
          },
          ...(data.approvalsWaiting > 0
            ? [button('Approuver les participations', links.page(PAGES.hrApprovals))]
            : []),
          ...(data.hoursToValidate > 0 ? [button('Valider les heures', links.page(PAGES.hrHours))] : []),
        ],
        why: 'Vous recevez ce récapitulatif parce que vous avez un accès ressources humaines sur Passerelle.',
      };
    },
  },

  'admin.association-pending': {
    listUnsubscribe: false,
    build: (data, links) => ({
      subject: `Association à labelliser${colon} ${data.associationName}`,
      preheader: 'Une nouvelle association attend l’examen de sa demande de label.',
      heading: 'Une association attend son label',
      blocks: [
        hello(),
        p(
          'L’association ',
          strong(data.associationName),
          ' s’est inscrite sur Passerelle et attend l’examen de sa demande de label.',
        ),
        p(
          'Vérifiez son identité (RNA ou SIRET) et ses informations avant de la labelliser ou de refuser sa demande.',
        ),
        button('Examiner la demande', links.page(PAGES.adminAssociations, data.associationId)),
      ],
      why: 'Vous recevez cet e-mail parce que vous faites partie de l’équipe Alliance Dynamique qui administre Passerelle.',
    }),
  },
};
