/**
 * The api speaks English to developers (problem+json `detail`, zod messages); people read French.
 * Known error codes get their own sentence; anything else falls back on the HTTP status.
 */

const CODE_MESSAGES: Record<string, string> = {
  BAD_CREDENTIALS: 'Adresse e-mail ou mot de passe incorrect.',
  ACCOUNT_DISABLED: 'Ce compte est désactivé. Contactez l’équipe Alliance Dynamique.',
  EMAIL_TAKEN: 'Un compte existe déjà avec cette adresse e-mail.',
  EMAIL_DOMAIN_NOT_ALLOWED: 'Inscrivez-vous avec votre adresse e-mail professionnelle de La Poste.',
  PASSWORD_TOO_COMMON: 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.',
  TOKEN_INVALID: 'Ce lien n’est plus valable : il a expiré ou a déjà servi.',
  RATE_LIMITED: 'Trop de tentatives. Patientez une minute puis réessayez.',
  VALIDATION_FAILED: 'Certaines informations ne sont pas valides. Corrigez les champs signalés.',
  INVALID_CURSOR: 'La liste a changé : rechargez la page.',
  FORBIDDEN: 'Votre rôle ne permet pas cette action.',
  UNAUTHORIZED: 'Votre session a expiré. Reconnectez-vous.',
  NOT_FOUND: 'Cet élément est introuvable, ou vous n’y avez pas accès.',
  // Associations and missions.
  ASSOCIATION_EXISTS: 'Une association est déjà enregistrée avec ce numéro RNA ou SIRET.',
  ASSOCIATION_TAKEN: 'Une association est déjà enregistrée avec ce numéro RNA ou SIRET.',
  IDENTIFIER_TAKEN: 'Une association est déjà enregistrée avec ce numéro RNA ou SIRET.',
  ALREADY_MEMBER: 'Vous êtes déjà membre d’une association.',
  ASSOCIATION_ALREADY_EXISTS: 'Vous êtes déjà membre d’une association.',
  NO_ASSOCIATION: 'Enregistrez d’abord votre association.',
  ASSOCIATION_NOT_LABELLED: 'Votre association doit être labellisée pour publier des missions.',
  NOT_LABELLED: 'Votre association doit être labellisée pour publier des missions.',
  MISSION_NOT_PUBLISHABLE: 'Cette mission ne peut pas être publiée dans son état actuel.',
  MISSION_NOT_EDITABLE: 'Cette mission ne peut plus être modifiée.',
  MISSION_NOT_OPEN: 'Cette mission n’accepte plus de candidatures.',
  MISSION_CLOSED: 'Cette mission est clôturée.',
  INVALID_TRANSITION: 'Cette action n’est pas possible dans l’état actuel.',
  INVALID_STATE: 'Cette action n’est pas possible dans l’état actuel.',
  // Applications and hours.
  ALREADY_APPLIED: 'Vous avez déjà candidaté à cette mission.',
  APPLICATION_EXISTS: 'Vous avez déjà candidaté à cette mission.',
  QUOTA_EXCEEDED: 'Ces heures dépassent votre quota annuel.',
  NOT_HR_APPROVED: 'Ce temps de mission n’est pas encore approuvé par les RH.',
  ASSOCIATION_ALREADY_REGISTERED: 'Une association est déjà enregistrée avec ce numéro.',
  ASSOCIATION_REQUIRED: 'Enregistrez d’abord votre association.',
  IDENTIFIERS_LOCKED:
    'Le RNA et le SIRET ne peuvent plus changer une fois le label décidé : contactez votre correspondant·e régional·e.',
  IDENTIFIER_REQUIRED: 'Indiquez le numéro RNA ou le SIRET de l’association (au moins l’un des deux).',
  INVALID_RNA: 'Le numéro RNA est un W suivi de 9 chiffres, par exemple W751234567.',
  INVALID_SIRET: 'Le SIRET compte 14 chiffres, avec une clé de contrôle valide.',
  MEMBER_OF_ANOTHER_ASSOCIATION: 'Cette personne est déjà membre d’une autre association.',
  NOT_AN_ASSOCIATION_ACCOUNT: 'Seul un compte association peut devenir membre d’une association.',
  MISSION_ENDED: 'Cette mission se termine dans le passé : changez sa date de fin avant de la publier.',
  MISSION_ALREADY_CLOSED: 'Cette mission est déjà clôturée.',
  SEATS_BELOW_ACCEPTED: 'Des participant·es sont déjà accepté·es : gardez au moins autant de places.',
  REASON_REQUIRED: 'Indiquez la raison : les membres de l’association la recevront.',
  LABEL_TRANSITION_NOT_ALLOWED: 'Cette décision n’est pas possible pour le statut actuel de l’association.',
  APPLICATION_TRANSITION_REFUSED: 'Cette candidature a déjà changé de statut. Rechargez la page.',
  PROFILE_NOT_ALLOWED: 'Seul un compte postier a un profil de compétences.',
  AVAILABILITY_INVERTED: 'La fin de disponibilité doit suivre son début.',
  HR_DECISION_REFUSED: 'Les RH ont déjà décidé pour cette participation. Rechargez la page.',
  PARTICIPATION_NOT_APPROVED: 'Les heures se déclarent une fois la participation approuvée par les RH.',
  TIME_ENTRY_TRANSITION_REFUSED: 'Ces heures ont déjà changé de statut. Rechargez la page.',
  TIME_ENTRY_IN_FUTURE: 'On ne déclare pas d’heures pour un jour à venir.',
  TIME_ENTRY_OUTSIDE_MISSION: 'Le jour doit être compris dans les dates de la mission.',
  TIME_ENTRY_DAILY_LIMIT: 'Au plus 10 heures par jour, toutes missions confondues.',
  TIME_ENTRY_QUOTA_EXCEEDED: 'Ces heures dépassent ce qui reste de votre quota annuel.',
  DELIVERY_ALREADY_SENT: 'Cet e-mail est déjà parti.',
  UNKNOWN_BUSINESS_UNIT: 'Branche inconnue.',
  UNKNOWN_REGION: 'Région inconnue.',
  UNKNOWN_COMMUNE: 'Commune inconnue.',
  UNKNOWN_SKILL: 'Compétence inconnue.',
  UNKNOWN_DOMAIN: 'Domaine inconnu.',
};

const isoToFr = (iso: string) => iso.split('-').reverse().join('/');

/** The French sentence of a known code, with the numbers the api's detail carries when it has some. */
function codeMessage(code: string, detail?: string): string | undefined {
  const known = CODE_MESSAGES[code];
  if (!known || !detail) return known;
  if (code === 'EMAIL_DOMAIN_NOT_ALLOWED') {
    const domains = detail.match(/\(([^)]+)\)/)?.[1];
    if (domains) return `Inscrivez-vous avec votre adresse e-mail professionnelle (${domains}).`;
  }
  if (code === 'TIME_ENTRY_OUTSIDE_MISSION') {
    const dates = detail.match(/(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/);
    if (dates?.[1] && dates[2])
      return `Le jour doit être compris dans la mission, du ${isoToFr(dates[1])} au ${isoToFr(dates[2])}.`;
  }
  if (code === 'TIME_ENTRY_DAILY_LIMIT') {
    const already = detail.match(/([\d.]+) already logged/)?.[1];
    if (already)
      return `Au plus 10 heures par jour : ${already.replace('.', ',')} h déjà déclarées ce jour-là.`;
  }
  if (code === 'TIME_ENTRY_QUOTA_EXCEEDED') {
    const left = detail.match(/Only ([\d.]+) hours/)?.[1];
    if (left) return `Il ne reste que ${left.replace('.', ',')} h sur votre quota de l’année.`;
  }
  return known;
}

export function describeProblem(status: number, code: string, detail?: string): string {
  const known = codeMessage(code, detail);
  if (known) return known;
  if (status === 0) return 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.';
  if (status === 400 || status === 422)
    return 'Certaines informations ne sont pas valides. Corrigez les champs signalés.';
  if (status === 401) return 'Votre session a expiré. Reconnectez-vous.';
  if (status === 403) return 'Vous n’avez pas accès à cette action.';
  if (status === 404) return 'Cet élément est introuvable, ou vous n’y avez pas accès.';
  if (status === 409)
    return 'Cette action entre en conflit avec l’état actuel. Rechargez la page puis réessayez.';
  if (status === 413) return 'Le texte envoyé est trop long.';
  if (status === 429) return 'Trop de tentatives. Patientez une minute puis réessayez.';
  if (status >= 500) return 'Le service rencontre un problème. Réessayez dans quelques instants.';
  return 'La demande n’a pas abouti. Réessayez.';
}

/** Translates a field message of the api (zod's English, or the app's own) into French. */
export function translateFieldMessage(message: string, code?: string): string {
  const m = message.toLowerCase();
  const known = code && code !== 'VALIDATION_FAILED' ? codeMessage(code, message) : undefined;
  if (known) return known;
  // The shared request schemas (@passerelle/domain) already answer in French, in whole sentences;
  // the api's own messages and zod's English defaults are lower-case or unpunctuated fragments.
  if (/^[A-ZÀ-Ý].*[.…]$/su.test(message.trim())) return message;
  if (m.includes('ends before it starts') || m.includes('must not be before'))
    return 'La date de fin doit être postérieure à la date de début.';
  if (m.includes('in the past')) return 'Cette date est déjà passée.';
  if (m.includes('listed twice')) return 'Cet élément figure deux fois.';
  if (m.includes('insee')) return 'Choisissez une commune dans la liste.';
  if (m.includes('unless the mission is remote'))
    return 'Indiquez la commune, sauf pour une mission à distance.';
  if (m.includes('cannot change')) return 'Ce champ ne peut plus être modifié.';
  if (m.includes('quarter hour')) return 'Par quarts d’heure : 1 ; 1,25 ; 1,5…';
  if (m.includes('already registered')) return 'Un compte existe déjà avec cette adresse e-mail.';
  if (m.includes('too common'))
    return 'Ce mot de passe fait partie des plus courants : choisissez-en un autre.';
  if (m.includes('expired') || m.includes('already used')) return 'Ce lien n’est plus valable.';
  if (m.includes('email')) return 'Saisissez une adresse e-mail valide, par exemple prenom.nom@laposte.fr.';
  if (m.includes('unrecognized key')) return 'Ce champ n’est pas attendu.';
  if (m.includes('required') || m.includes('received undefined') || m.includes('received null'))
    return 'Ce champ est obligatoire.';
  const atLeast = m.match(/(?:at least|>=\s*|minimum of\s*)(\d+)\s*(character|item|element)?/);
  if (m.includes('too small') || m.includes('at least')) {
    if (atLeast?.[1] && (atLeast[2] || m.includes('string'))) {
      return atLeast[1] === '1'
        ? 'Ce champ est obligatoire.'
        : `Saisissez au moins ${atLeast[1]} caractères.`;
    }
    if (atLeast?.[1]) return `La valeur doit être au moins ${atLeast[1]}.`;
    return 'La valeur est trop petite.';
  }
  const atMost = m.match(/(?:at most|<=\s*|maximum of\s*)(\d+)/);
  if (m.includes('too big') || m.includes('at most')) {
    if (atMost?.[1] && (m.includes('character') || m.includes('string'))) {
      return `Saisissez au plus ${atMost[1]} caractères.`;
    }
    if (atMost?.[1]) return `La valeur doit être au plus ${atMost[1]}.`;
    return 'La valeur est trop grande.';
  }
  if (m.includes('uuid')) return 'Identifiant invalide.';
  if (m.includes('date')) return 'Saisissez une date valide.';
  if (m.includes('rna')) return 'Le numéro RNA est un W suivi de 9 chiffres.';
  if (m.includes('siret')) return 'Le SIRET compte 14 chiffres et doit être valide.';
  if (m.includes('not found') || m.includes('unknown')) return 'Valeur inconnue.';
  if (m.includes('after') || m.includes('before')) return 'Vérifiez l’ordre des dates.';
  return 'Cette valeur n’est pas acceptée.';
}
