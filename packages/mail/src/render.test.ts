import { describe, expect, it } from 'vitest';
import {
  type EmailRequest,
  escapeHtml,
  isTemplateName,
  renderEmail,
  renderEmailRequest,
  TEMPLATE_NAMES,
  type TemplateDataMap,
  type TemplateName,
} from './index';

const PUBLIC_URL = 'https://passerelle.example.fr';
const UNSUBSCRIBE_URL = 'https://passerelle.example.fr/desabonnement?token=unsub-123';
const MISSION_ID = '0b7c2d0e-6a1f-4c1e-9a57-3f5d8a2b9c10';
const ASSOCIATION_ID = '5e2a9f44-1b3c-4d8e-8f01-2c7d9e6a4b33';

const SAMPLES: TemplateDataMap = {
  'account.verify-email': { firstName: 'Camille', token: 'verify-tok' },
  'account.password-reset': { firstName: 'Camille', token: 'reset-tok' },
  'account.hr-invitation': {
    firstName: 'Nadia',
    token: 'invite-tok',
    scopeLabel: 'Services-Courrier-Colis, Bretagne',
  },
  'account.inactivity-reminder': { firstName: 'Camille', reminderNumber: 1, deletionDate: '2026-11-22' },
  'association.label-granted': { associationName: 'Emmaüs Connect' },
  'association.label-refused': { associationName: 'Emmaüs Connect', reason: 'Numéro RNA introuvable.' },
  'association.label-suspended': { associationName: 'Emmaüs Connect', reason: 'Signalements répétés.' },
  'association.new-application': {
    associationName: 'Emmaüs Connect',
    missionTitle: 'Ateliers d’inclusion numérique',
    missionId: MISSION_ID,
    applicantFirstName: 'Camille',
  },
  'association.application-withdrawn': {
    missionTitle: 'Ateliers d’inclusion numérique',
    missionId: MISSION_ID,
  },
  'association.hours-to-confirm': { missionTitle: 'Ateliers d’inclusion numérique', count: 3, hours: '7.50' },
  'postier.recommendations': {
    firstName: 'Camille',
    missions: [
      {
        id: MISSION_ID,
        title: 'Ateliers d’inclusion numérique',
        associationName: 'Emmaüs Connect',
        communeName: 'Rennes',
        mode: 'onsite',
        score: 0.82,
        reasons: ['Compétence : animation d’ateliers', 'À 12 km de votre commune'],
      },
      {
        id: 'mission-2',
        title: 'Comptabilité associative',
        associationName: 'Restos du Cœur',
        communeName: null,
        mode: 'remote',
        score: 0.64,
        reasons: ['Compétence : comptabilité'],
      },
    ],
  },
  'postier.digest': {
    firstName: 'Camille',
    period: 'weekly',
    items: [
      { kind: 'mission', title: 'Collecte solidaire', url: `/missions/${MISSION_ID}` },
      { kind: 'application', title: 'Votre candidature a été acceptée' },
    ],
  },
  'postier.mission-invitation': {
    firstName: 'Camille',
    missionId: MISSION_ID,
    missionTitle: 'Ateliers d’inclusion numérique',
    associationName: 'Emmaüs Connect',
  },
  'postier.application-accepted': { missionTitle: 'Ateliers d’inclusion numérique', missionId: MISSION_ID },
  'postier.application-declined': {
    missionTitle: 'Ateliers d’inclusion numérique',
    missionId: MISSION_ID,
    reason: 'La mission est complète.',
  },
  'postier.hr-decision': { missionTitle: 'Ateliers d’inclusion numérique', decision: 'approved' },
  'postier.hours-validated': {
    missionTitle: 'Ateliers d’inclusion numérique',
    date: '2026-11-22',
    hours: 3.5,
  },
  'postier.hours-rejected': {
    missionTitle: 'Ateliers d’inclusion numérique',
    date: '2026-11-22',
    hours: 2,
    reason: 'Date en dehors de la mission.',
  },
  'hr.digest': { approvalsWaiting: 4, hoursToValidate: 12, hoursToValidateTotal: 37.5 },
  'admin.association-pending': { associationName: 'Emmaüs Connect', associationId: ASSOCIATION_ID },
};

const EXPECTED_LINKS: Record<TemplateName, string> = {
  'account.verify-email': `${PUBLIC_URL}/verifier-email?token=verify-tok`,
  'account.password-reset': `${PUBLIC_URL}/reinitialiser-mot-de-passe?token=reset-tok`,
  'account.hr-invitation': `${PUBLIC_URL}/definir-mot-de-passe?token=invite-tok`,
  'account.inactivity-reminder': `${PUBLIC_URL}/connexion`,
  'association.label-granted': `${PUBLIC_URL}/association/missions/nouvelle`,
  'association.label-refused': `${PUBLIC_URL}/association`,
  'association.label-suspended': `${PUBLIC_URL}/association`,
  'association.new-application': `${PUBLIC_URL}/association/missions/${MISSION_ID}/candidatures`,
  'association.application-withdrawn': `${PUBLIC_URL}/association/missions/${MISSION_ID}/candidatures`,
  'association.hours-to-confirm': `${PUBLIC_URL}/association/heures`,
  'postier.recommendations': `${PUBLIC_URL}/missions/${MISSION_ID}`,
  'postier.digest': `${PUBLIC_URL}/missions/${MISSION_ID}`,
  'postier.mission-invitation': `${PUBLIC_URL}/missions/${MISSION_ID}`,
  'postier.application-accepted': `${PUBLIC_URL}/missions/${MISSION_ID}`,
  'postier.application-declined': `${PUBLIC_URL}/recommandations`,
  'postier.hr-decision': `${PUBLIC_URL}/mes-heures`,
  'postier.hours-validated': `${PUBLIC_URL}/mes-heures`,
  'postier.hours-rejected': `${PUBLIC_URL}/mes-heures`,
  'hr.digest': `${PUBLIC_URL}/rh/approbations`,
  'admin.association-pending': `${PUBLIC_URL}/admin/associations/${ASSOCIATION_ID}`,
};

const UNSUBSCRIBABLE = new Set<TemplateName>([
  'postier.recommendations',
  'postier.digest',
  'postier.mission-invitation',
]);

function requestFor(template: TemplateName): EmailRequest {
  // Correlated lookup: SAMPLES is keyed by template name, so the pair is always consistent.
  return { template, data: SAMPLES[template] } as EmailRequest;
}

function render(template: TemplateName, unsubscribeUrl?: string) {
  return renderEmailRequest(requestFor(template), { publicUrl: PUBLIC_URL, unsubscribeUrl });
}

/** French text is recognisable by its accents, apostrophes or common words. */
const FRENCH = /[àâçéèêëîïôûùüÿœ’]|\b(votre|vous|vos|pour|une|des|est|sont|Passerelle)\b/i;

describe('template registry', () => {
  it('lists every template exactly once', () => {
    expect(TEMPLATE_NAMES).toHaveLength(20);
    expect(new Set(TEMPLATE_NAMES).size).toBe(TEMPLATE_NAMES.length);
    expect([...TEMPLATE_NAMES].sort()).toEqual(Object.keys(SAMPLES).sort());
    expect(isTemplateName('postier.digest')).toBe(true);
    expect(isTemplateName('toString')).toBe(false);
  });

  it('throws on an unknown template at run time', () => {
    const bogus = { template: 'postier.nope', data: {} } as unknown as EmailRequest;
    expect(() => renderEmailRequest(bogus, { publicUrl: PUBLIC_URL })).toThrow(/Unknown email template/);
  });
});

describe.each(TEMPLATE_NAMES.map((name) => [name]))('%s', (name) => {
  const email = render(name);

  it('has a French, single-line, non-empty subject', () => {
    expect(email.subject.trim().length).toBeGreaterThan(5);
    expect(email.subject).toMatch(FRENCH);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).not.toMatch(/undefined|null|NaN|\[object/);
  });

  it('renders an accessible HTML document in French', () => {
    expect(email.html.startsWith('<!doctype html>')).toBe(true);
    expect(email.html).toContain('<html lang="fr"');
    expect(email.html).toContain('<meta charset="utf-8">');
    expect(email.html).toMatch(/<title>[^<]+<\/title>/);
    const tables = email.html.match(/<table\b[^>]*>/g) ?? [];
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(table).toContain('role="presentation"');
    expect(email.html).not.toMatch(/<img\b/);
    expect(email.html).not.toMatch(/undefined|NaN|\[object/);
  });

  it('links to the expected page in HTML and text', () => {
    const link = EXPECTED_LINKS[name];
    expect(email.html).toContain(`href="${escapeHtml(link)}"`);
    expect(email.text).toContain(link);
  });

  it('has a plain-text version with the footer', () => {
    expect(email.text).toContain('Passerelle');
    expect(email.text).toMatch(/Vous recevez (cet e-mail|ce récapitulatif)/);
    expect(email.text).not.toMatch(/<[a-z]+[\s>]/i);
    expect(email.text).not.toMatch(/undefined|NaN|\[object/);
  });

  it('flags List-Unsubscribe for optional emails only', () => {
    expect(email.listUnsubscribe).toBe(UNSUBSCRIBABLE.has(name));
  });

  it('shows « Se désabonner » only when an unsubscribe URL is given', () => {
    expect(email.html).not.toContain('Se désabonner');
    expect(email.text).not.toContain('Se désabonner');
    const withUnsubscribe = render(name, UNSUBSCRIBE_URL);
    expect(withUnsubscribe.html).toContain(`href="${escapeHtml(UNSUBSCRIBE_URL)}"`);
    expect(withUnsubscribe.html).toContain('Se désabonner</a>');
    expect(withUnsubscribe.text).toContain(`Se désabonner\u00a0: ${UNSUBSCRIBE_URL}`);
  });

  it('is deterministic', () => {
    expect(render(name)).toEqual(email);
  });
});

describe('escaping', () => {
  const evil = '<script>alert("x")</script> & Cie';

  it('escapes every interpolated value in HTML', () => {
    const email = renderEmail(
      'association.new-application',
      { associationName: evil, missionTitle: evil, missionId: 'm-1', applicantFirstName: evil },
      { publicUrl: PUBLIC_URL },
    );
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cie');
    // The subject and the text version stay plain text.
    expect(email.subject).toContain('<script>');
    expect(email.text).toContain('<script>');
  });

  it('escapes free text, list items and mission cards', () => {
    const recommendations = renderEmail(
      'postier.recommendations',
      {
        firstName: evil,
        missions: [
          {
            id: 'a/b?c',
            title: evil,
            associationName: evil,
            communeName: evil,
            mode: 'hybrid',
            score: 0.5,
            reasons: [evil],
          },
        ],
      },
      { publicUrl: PUBLIC_URL },
    );
    expect(recommendations.html).not.toContain('<script>');
    expect(recommendations.html).toContain(`${PUBLIC_URL}/missions/a%2Fb%3Fc`);

    const refused = renderEmail(
      'association.label-refused',
      { associationName: 'Asso', reason: `${evil}\nligne 2` },
      { publicUrl: PUBLIC_URL },
    );
    expect(refused.html).not.toContain('<script>');
    expect(refused.html).toContain('&amp; Cie<br>ligne 2');
    expect(refused.text).toContain('> ligne 2');
  });

  it('encodes tokens in links', () => {
    const email = renderEmail(
      'account.verify-email',
      { firstName: 'A', token: 'a b&c"<' },
      { publicUrl: PUBLIC_URL },
    );
    expect(email.text).toContain(`${PUBLIC_URL}/verifier-email?token=a%20b%26c%22%3C`);
    expect(email.html).not.toContain('"<');
  });

  it('keeps header injection out of the subject', () => {
    const email = renderEmail(
      'association.label-granted',
      { associationName: 'Asso\r\nBcc: victim@example.com' },
      { publicUrl: PUBLIC_URL },
    );
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it('escapeHtml escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeHtml(null)).toBe('');
  });
});

describe('URLs', () => {
  const data = SAMPLES['account.verify-email'];

  it.each([
    'javascript:alert(1)',
    'ftp://example.fr',
    'data:text/html,x',
    '/relative',
    '',
    'https://u:p@x.fr',
  ])('rejects publicUrl %j', (publicUrl) => {
    expect(() => renderEmail('account.verify-email', data, { publicUrl })).toThrow(TypeError);
  });

  it('rejects a non-http unsubscribe URL', () => {
    expect(() =>
      renderEmail('postier.digest', SAMPLES['postier.digest'], {
        publicUrl: PUBLIC_URL,
        unsubscribeUrl: 'javascript:alert(1)',
      }),
    ).toThrow(TypeError);
  });

  it('accepts a trailing slash and a base path', () => {
    expect(renderEmail('account.verify-email', data, { publicUrl: `${PUBLIC_URL}/` }).text).toContain(
      `${PUBLIC_URL}/verifier-email?token=verify-tok`,
    );
    expect(
      renderEmail('account.verify-email', data, { publicUrl: 'http://localhost:3000/app/' }).text,
    ).toContain('http://localhost:3000/app/verifier-email?token=verify-tok');
  });

  it('keeps digest links on the site', () => {
    const digest = (url: string) =>
      renderEmail(
        'postier.digest',
        { firstName: 'A', period: 'daily', items: [{ kind: 'info', title: 'Info', url }] },
        { publicUrl: PUBLIC_URL },
      );
    expect(digest(`${PUBLIC_URL}/mes-candidatures`).text).toContain(`${PUBLIC_URL}/mes-candidatures`);
    expect(() => digest('https://evil.example.com/phish')).toThrow(TypeError);
    expect(() => digest('//evil.example.com/phish')).toThrow(TypeError);
    expect(() => digest('javascript:alert(1)')).toThrow(TypeError);
  });
});

describe('content', () => {
  it('writes French labels, dates and numbers', () => {
    const recommendations = render('postier.recommendations');
    expect(recommendations.subject).toBe('2 missions qui pourraient vous correspondre');
    expect(recommendations.text).toContain('Sur site');
    expect(recommendations.text).toContain('À distance');
    expect(recommendations.text).toContain('Rennes');
    expect(recommendations.text).toMatch(/Compatibilité\u00a0: 82\s%/);
    expect(recommendations.html).toContain('Compétence : animation d’ateliers');
    expect(recommendations.html).toContain(`href="${PUBLIC_URL}/missions/mission-2"`);

    const validated = render('postier.hours-validated');
    expect(validated.subject).toBe('Vos heures du 22 novembre 2026 sont validées');
    expect(validated.text).toContain('3,5 heures');

    expect(render('association.hours-to-confirm').text).toContain('7,5 heures');
    expect(render('hr.digest').subject).toBe(
      'Passerelle RH\u00a0: 4 participations à approuver et 12 déclarations d’heures à valider',
    );
  });

  it('states the HR decision', () => {
    const refused = renderEmail(
      'postier.hr-decision',
      { missionTitle: 'Collecte', decision: 'refused', comment: 'Période de forte activité.' },
      { publicUrl: PUBLIC_URL },
    );
    expect(refused.subject).toContain('refusée');
    expect(refused.text).toContain('Période de forte activité.');
    expect(refused.text).toContain(`${PUBLIC_URL}/mes-candidatures`);
    expect(render('postier.hr-decision').subject).toContain('acceptée');
  });

  it('omits optional reasons when absent', () => {
    const refused = renderEmail(
      'association.label-refused',
      { associationName: 'Asso', reason: '   ' },
      { publicUrl: PUBLIC_URL },
    );
    expect(refused.text).not.toContain('Motif');
    expect(render('association.label-refused').text).toContain('Numéro RNA introuvable.');
  });

  it('sends the last inactivity reminder with a different subject', () => {
    const last = renderEmail(
      'account.inactivity-reminder',
      { firstName: 'Camille', reminderNumber: 2, deletionDate: '2027-03-01' },
      { publicUrl: PUBLIC_URL },
    );
    expect(last.subject).toBe('Dernier rappel\u00a0: votre compte Passerelle sera supprimé le 1er mars 2027');
  });

  it('groups digest items by kind and handles an empty digest', () => {
    const digest = render('postier.digest');
    expect(digest.subject).toBe('Votre récapitulatif hebdomadaire Passerelle');
    expect(digest.text).toContain('Nouvelles missions');
    expect(digest.text).toContain('Vos candidatures');
    const empty = renderEmail(
      'postier.digest',
      { firstName: 'Camille', period: 'daily', items: [] },
      { publicUrl: PUBLIC_URL },
    );
    expect(empty.subject).toBe('Votre récapitulatif quotidien Passerelle');
    expect(empty.text).toContain('Rien de nouveau');
  });

  it('greets by first name when known', () => {
    expect(render('account.verify-email').text).toContain('Bonjour Camille,');
    expect(render('association.label-granted').text).toContain('Bonjour,');
  });
});

describe('types', () => {
  it('ties the data type to the template name (checked by tsc)', () => {
    const wrongData = () =>
      // @ts-expect-error: an association label email needs associationName, not a token
      renderEmail('association.label-granted', { firstName: 'A', token: 't' }, { publicUrl: PUBLIC_URL });
    const wrongRequest = () =>
      renderEmailRequest(
        // @ts-expect-error: the data of an EmailRequest is discriminated by its template
        { template: 'postier.hr-decision', data: { missionTitle: 'M', decision: 'maybe' } },
        { publicUrl: PUBLIC_URL },
      );
    expect(typeof wrongData).toBe('function');
    expect(typeof wrongRequest).toBe('function');
  });
});
