import { randomUUID } from 'node:crypto';
import { schema } from '@passerelle/db';
import { QUEUES } from '@passerelle/queue';
import type { ReceivedMail } from '@passerelle/testkit';
import { eq } from 'drizzle-orm';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../scripts/seed-demo';
import { createUser, randomRna, TEST_PASSWORD, type TestUser } from '../../services/api/test/factories';
import {
  type AxeViolation,
  browserAvailable,
  type Stack,
  screenshot,
  seriousViolations,
  startStack,
} from './harness';

/**
 * Every role's journey in Debian's Chromium, against the real stack: the api serving the built web
 * app, the notifier relaying the outbox to an SMTP sink (verification links are read from the mails),
 * PostgreSQL and Redis. Each page visited is checked with axe-core and saved as a screenshot.
 */

const WAIT = 15_000;
const PASSWORD = 'Une-phrase-de-passe-bien-longue-2026';
/** A date `days` from today, far enough from midnight that Paris and UTC agree on it. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const run = randomUUID().slice(0, 6);
const ASSOCIATION_NAME = `Les Ateliers du Rhône ${run}`;
const MISSION_TITLE = `Ateliers numériques pour seniors à Lyon ${run}`;
const member = { firstName: 'Nadia', lastName: 'Benali', email: `nadia.${run}@ateliers-rhone.example.org` };
// A long address (no break opportunity) for the 320 px check of the applicants page.
const postier = {
  firstName: 'Lucas',
  lastName: 'Moreau-Desjardins',
  email: `lucas.moreaudesjardins.${run}@laposte.fr`,
};

/** What axe found, per page, for the closing report and the final assertion of each journey. */
const audits: { page: string; violations: AxeViolation[] }[] = [];

describe.skipIf(!browserAvailable)('web app journeys in the browser', () => {
  let stack: Stack;
  let admin: TestUser;
  let hr: TestUser;
  const contexts: BrowserContext[] = [];
  let missionId = '';

  const url = (path: string) => `${stack.baseUrl}${path}`;

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await stack.browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(WAIT);
    contexts.push(context);
    return context.newPage();
  }

  /**
   * Polls an expression in the page until it is truthy, and returns it. Not page.waitForFunction: that
   * evaluates a string with eval, which the app's Content-Security-Policy (rightly) forbids.
   */
  async function until(page: Page, expression: string, what: string): Promise<unknown> {
    const deadline = Date.now() + WAIT;
    for (;;) {
      const value: unknown = await page.evaluate(expression);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${WAIT} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The page is drawn: its heading is there and no list or form is still loading. */
  async function settled(page: Page, heading?: string | RegExp): Promise<void> {
    const h1 = page.locator('h1');
    if (heading) await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    else await h1.first().waitFor();
    await until(page, "document.querySelector('.state--loading') === null", 'the page to finish loading');
  }

  /** axe-core (serious and critical only) and a screenshot, for each page visited. */
  async function audit(page: Page, name: string, heading?: string | RegExp): Promise<void> {
    await settled(page, heading);
    audits.push({ page: name, violations: await seriousViolations(page) });
    await screenshot(page, name);
  }

  function expectNoSeriousViolations(): void {
    const failing = audits.filter((a) => a.violations.length > 0);
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
  }

  async function verificationLink(email: string): Promise<string> {
    const mail: ReceivedMail = await stack.sink.waitFor((m) => m.to.includes(email), WAIT);
    const link = /https?:\/\/\S+?\/verifier-email\?token=[^\s"<>)\]]+/.exec(mail.text)?.[0];
    if (!link) throw new Error(`no verification link in: ${mail.text}`);
    expect(link.startsWith(stack.baseUrl)).toBe(true);
    return link;
  }

  async function login(page: Page, email: string, password: string, name: string): Promise<void> {
    await page.goto(url('/connexion'));
    await audit(page, `${name}-login`, 'Se connecter');
    await page.getByLabel('Adresse e-mail', { exact: true }).fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL((u) => u.pathname !== '/connexion');
    await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  }

  async function register(
    page: Page,
    who: { firstName: string; lastName: string; email: string },
    role: 'postier' | 'association',
  ): Promise<void> {
    await page.goto(url('/inscription'));
    await audit(page, `${role}-register`, 'Créer un compte');
    await page.getByLabel(role === 'postier' ? 'Postière ou postier' : /^Membre d.une association/).check();
    await page.getByLabel('Prénom').fill(who.firstName);
    await page.getByLabel('Nom', { exact: true }).fill(who.lastName);
    await page.getByLabel('Adresse e-mail', { exact: true }).fill(who.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await audit(page, `${role}-register-done`, 'Vérifiez votre boîte mail');
  }

  async function verifyByEmail(page: Page, email: string, role: string): Promise<void> {
    await page.goto(await verificationLink(email));
    await page.getByText('Votre adresse e-mail est confirmée').waitFor();
    await audit(page, `${role}-email-verified`);
  }

  /** The commune autocomplete: type, then pick the option with the arrows and Enter. */
  async function chooseCommune(page: Page, label: string | RegExp, text: string, option: RegExp) {
    const box = page.getByRole('combobox', { name: label });
    await box.fill(text);
    // This combobox's own list (a <select> on the page has options too).
    const list = page.locator(`[id="${await box.getAttribute('aria-controls')}"]`);
    await list.getByRole('option', { name: option }).waitFor();
    const index = (await list.getByRole('option').allTextContents()).findIndex((o) => option.test(o));
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= index; i++) await box.press('ArrowDown');
    await box.press('Enter');
    await expect(box.inputValue()).resolves.toMatch(option);
  }

  /** Follows a link of the main navigation. */
  async function nav(page: Page, name: string): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name, exact: true })
      .click();
  }

  /** What has the keyboard focus, described for the keyboard-only journey. */
  async function focused(page: Page): Promise<{ tag: string; name: string; href: string; text: string }> {
    return (await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el) return { tag: '', name: '', href: '', text: '' };
      return {
        tag: el.tagName.toLowerCase(),
        name: el.getAttribute('name') ?? '',
        href: el.getAttribute('href') ?? '',
        text: (el.textContent ?? '').replace(/\\s+/g, ' ').trim().slice(0, 120),
      };
    })()`)) as { tag: string; name: string; href: string; text: string };
  }

  /** Presses Tab until the focus lands on what `matches` accepts (bounded: a trap fails the test). */
  async function tabTo(
    page: Page,
    what: string,
    matches: (f: { tag: string; name: string; href: string; text: string }) => boolean,
    max = 80,
  ): Promise<number> {
    for (let presses = 1; presses <= max; presses++) {
      await page.keyboard.press('Tab');
      if (matches(await focused(page))) return presses;
    }
    throw new Error(
      `${what}: not reached in ${max} Tab presses (focus on ${JSON.stringify(await focused(page))})`,
    );
  }

  /** The focused element shows where it is (an outline or a ring). */
  async function focusIsVisible(page: Page): Promise<boolean> {
    return (await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el) return false;
      const s = getComputedStyle(el);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    })()`)) as boolean;
  }

  beforeAll(async () => {
    stack = await startStack();
    admin = await createUser(stack.app, 'admin', { firstName: 'Alix', lastName: 'Admin' });
    hr = await createUser(stack.app, 'hr', { firstName: 'Hélène', lastName: 'Ressources' });
    // HR for the région of Lyon, where the postier works.
    const [lyon] = await stack.database.db
      .select({ regionCode: schema.communes.regionCode })
      .from(schema.communes)
      .where(eq(schema.communes.code, '69123'));
    if (!lyon) throw new Error('Lyon (69123) missing from the reference data');
    await stack.database.db.insert(schema.hrScopes).values({ userId: hr.id, regionCode: lyon.regionCode });
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await stack?.close();
    const pages = audits.length;
    const serious = audits.reduce((n, a) => n + a.violations.length, 0);
    process.stdout.write(
      `e2e: axe-core on ${pages} page views, ${serious} serious or critical violation(s)\n`,
    );
  });

  let anonymous: Page;
  let association: Page;
  let postierPage: Page;
  let adminPage: Page;
  let hrPage: Page;

  it('anonymous visitor: home, empty search, accessibility statement, forgotten password, login redirect, not found', async () => {
    anonymous = await newPage();
    await anonymous.goto(url('/'));
    await audit(anonymous, 'home');
    await anonymous.getByRole('link', { name: 'Trouver une mission' }).first().click();
    await audit(anonymous, 'search-empty', 'Trouver une mission');
    await anonymous.getByText('Aucune mission trouvée').waitFor();
    await anonymous.goto(url('/accessibilite'));
    await audit(anonymous, 'accessibility', 'Accessibilité');
    await anonymous.goto(url('/mot-de-passe-oublie'));
    await audit(anonymous, 'forgot-password', 'Mot de passe oublié');
    // A form sent empty: the error summary and the message next to the field.
    await anonymous.getByRole('button', { name: 'Recevoir le lien' }).click();
    await anonymous.locator('.error-summary').waitFor();
    await audit(anonymous, 'forgot-password-errors', 'Mot de passe oublié');
    await anonymous.goto(url('/rh/approbations'));
    await anonymous.waitForURL((u) => u.pathname === '/connexion');
    await audit(anonymous, 'login-redirect', 'Se connecter');
    await anonymous.goto(url('/nulle-part'));
    await audit(anonymous, 'not-found', 'Page introuvable');
    expectNoSeriousViolations();
  }, 60_000);

  it('association: registers, verifies the emailed link, logs in, registers the association, drafts a mission', async () => {
    association = await newPage();
    await register(association, member, 'association');
    await verifyByEmail(association, member.email, 'association');
    await login(association, member.email, PASSWORD, 'association');
    await association.waitForURL((u) => u.pathname === '/association');
    await audit(association, 'association-new', 'Mon association');

    await association.getByLabel('Nom de l’association').fill(ASSOCIATION_NAME);
    await association.getByLabel(/^Numéro RNA/).fill(randomRna());
    await chooseCommune(association, /^Commune du siège/, 'Lyon', /^Lyon \(69\)/);
    await association
      .getByLabel(/^Présentation de l’association/)
      .fill('Des ateliers pour que chacun fasse ses démarches en ligne, dans les quartiers de Lyon.');
    await association.getByLabel('Inclusion numérique').check();
    await association.getByRole('button', { name: 'Enregistrer l’association' }).click();
    await association.getByText('Votre association est enregistrée').waitFor();
    await audit(association, 'association-pending', ASSOCIATION_NAME);
    await expect(association.getByText('En attente de label').first().isVisible()).resolves.toBe(true);

    await association.getByRole('link', { name: 'Écrire une mission' }).click();
    await audit(association, 'mission-new', 'Écrire une mission');
    await association.getByLabel('Titre', { exact: true }).fill(MISSION_TITLE);
    await association
      .getByLabel('Description', { exact: true })
      .fill(
        'Deux après-midis par mois, aider des personnes âgées à utiliser leur smartphone et à faire leurs démarches en ligne.',
      );
    await association.getByLabel('Domaine d’action').selectOption('inclusion-numerique');
    await association.getByLabel('Chercher une compétence à ajouter').fill('usages numériques');
    await association
      .getByLabel('Accompagnement aux usages numériques du quotidien', { exact: true })
      .check();
    await chooseCommune(association, /^Commune où se déroule la mission/, 'Lyon', /^Lyon \(69\)/);
    await association.getByLabel('Date de début').fill(inDays(10));
    await association.getByLabel('Date de fin').fill(inDays(60));
    await association.getByLabel(/^Heures par participant/).fill('24');
    await association.getByLabel('Nombre de places').fill('2');
    await association.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await association.waitForURL(/\/association\/missions\/[0-9a-f-]{36}\/modifier/);
    missionId = /missions\/([0-9a-f-]{36})\//.exec(association.url())?.[1] ?? '';
    await association.getByText('Le brouillon est enregistré.').waitFor();
    await audit(association, 'mission-draft', /^Modifier « /);
    await association
      .getByText('Vous pourrez publier cette mission quand votre association sera labellisée.')
      .waitFor();
    expectNoSeriousViolations();
  }, 90_000);

  it('admin: on "associations to label", refuses one with a reason and labels the new one', async () => {
    // Another request, straight in the database: the one to refuse.
    const refused = `Association sans objet ${run}`;
    await stack.database.db
      .insert(schema.associations)
      .values({ name: refused, rna: randomRna(), communeCode: '69123', labelStatus: 'pending' });
    // The admin was told of the new request by email.
    await stack.sink.waitFor(
      (m) =>
        m.to.includes(admin.email) &&
        m.subject.startsWith('Association à labelliser') &&
        m.subject.endsWith(ASSOCIATION_NAME),
      WAIT,
    );
    adminPage = await newPage();
    const page = adminPage;
    await login(page, admin.email, TEST_PASSWORD, 'admin');
    await page.waitForURL((u) => u.pathname === '/admin/associations');
    await audit(page, 'admin-associations-pending', 'Associations à labelliser');

    await page.getByRole('button', { name: `Refuser ${refused}` }).click();
    // The reason box takes the focus.
    await page.keyboard.type('Aucune activité déclarée depuis trois ans.');
    await expect(page.getByLabel('Motif du refus').inputValue()).resolves.toBe(
      'Aucune activité déclarée depuis trois ans.',
    );
    await audit(page, 'admin-associations-refusing', 'Associations à labelliser');
    await page.getByRole('button', { name: 'Refuser le label' }).click();
    await page.getByText(`${refused} est refusée.`).waitFor();

    const row = page.locator('li.result', { has: page.getByRole('heading', { name: ASSOCIATION_NAME }) });
    await row.getByRole('button', { name: `Labelliser ${ASSOCIATION_NAME}` }).click();
    await page.getByText(`${ASSOCIATION_NAME} est labellisée.`).waitFor();
    await audit(page, 'admin-associations-labelled', 'Associations à labelliser');
    // The members are told by email.
    await stack.sink.waitFor(
      (m) =>
        m.to.includes(member.email) && m.subject === `${ASSOCIATION_NAME} est labellisée Alliance Dynamique`,
      WAIT,
    );

    await page.getByRole('link', { name: 'Labellisée', exact: true }).click();
    await page.locator('li.result', { has: page.getByRole('heading', { name: ASSOCIATION_NAME }) }).waitFor();
    await audit(page, 'admin-associations-labelled-tab', 'Associations à labelliser');
    await nav(page, 'Comptes RH');
    await audit(page, 'admin-hr-users');
    await nav(page, 'Envois d’e-mails');
    await audit(page, 'admin-deliveries');

    // The queue dashboard (bull-board, a page of the api) opens from here: the access token stays in
    // the SPA's memory, so the button first trades it for a cookie scoped to /admin/queues.
    const blocked: string[] = [];
    const onConsole = (message: ConsoleMessage) => {
      if (message.text().includes('Content Security Policy')) blocked.push(message.text());
    };
    page.on('console', onConsole);
    await page.getByRole('button', { name: 'Tableau de bord des files d’attente' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/admin/queues'));
    for (const queue of Object.values(QUEUES)) await page.getByText(queue, { exact: true }).first().waitFor();
    // No axe-core audit: bull-board is a third-party page whose markup we do not own. A screenshot still.
    await screenshot(page, 'admin-queue-dashboard');
    // Its scripts and styles run under the app's Content-Security-Policy; only the Google Fonts
    // stylesheet it links to is refused, on purpose (no third-party request from an admin page).
    expect(blocked.filter((text) => !text.includes('fonts.googleapis.com'))).toEqual([]);
    page.off('console', onConsole);
    await page.goBack();
    await settled(page, 'Envois d’e-mails');
    expectNoSeriousViolations();
  }, 60_000);

  it('association: publishes the mission once labelled', async () => {
    await association.goto(url('/association/missions'));
    await audit(association, 'missions-list', 'Mes missions');
    await association.getByRole('button', { name: `Publier « ${MISSION_TITLE} »` }).click();
    await association.locator('li.result').getByText('Publiée').waitFor();
    await audit(association, 'missions-published', 'Mes missions');
    await association.goto(url(`/missions/${missionId}`));
    await audit(association, 'mission-public-as-owner', MISSION_TITLE);
    await association.getByText('Lyon (69), Auvergne-Rhône-Alpes').waitFor();
    expectNoSeriousViolations();
  }, 60_000);

  it('postier: registers with @laposte.fr, verifies the emailed link, logs in, fills the profile', async () => {
    postierPage = await newPage();
    await register(postierPage, postier, 'postier');
    await verifyByEmail(postierPage, postier.email, 'postier');
    await login(postierPage, postier.email, PASSWORD, 'postier');
    await postierPage.waitForURL((u) => u.pathname === '/recommandations');
    await audit(postierPage, 'postier-recommendations-empty', 'Missions pour moi');

    await nav(postierPage, 'Mon profil');
    await audit(postierPage, 'postier-profile', 'Mon profil');
    await postierPage.getByLabel(/^Je souhaite recevoir des propositions/).check();
    await chooseCommune(postierPage, /^Ma commune de travail/, 'Lyon', /^Lyon \(69\)/);
    await postierPage.getByLabel(/^Je peux me déplacer/).fill('30');
    await postierPage.getByLabel('Chercher une compétence à ajouter').fill('usages numériques');
    await postierPage
      .getByLabel('Accompagnement aux usages numériques du quotidien', { exact: true })
      .check();
    await postierPage
      .getByLabel('Niveau pour Accompagnement aux usages numériques du quotidien')
      .selectOption('3');
    await postierPage.getByLabel('Inclusion numérique').check();
    await postierPage.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    await postierPage.getByText('Votre profil est enregistré.').waitFor();
    await audit(postierPage, 'postier-profile-saved', 'Mon profil');
    expectNoSeriousViolations();
  }, 90_000);

  it('postier: search → mission → apply with the keyboard alone', async () => {
    const page = postierPage;
    let tabs = 0;
    let enters = 0;
    const press = async (what: string, matches: Parameters<typeof tabTo>[2], max?: number) => {
      tabs += await tabTo(page, what, matches, max);
    };
    const enter = async () => {
      enters += 1;
      await page.keyboard.press('Enter');
    };
    await page.goto(url('/mon-compte'));
    await settled(page);
    // From the top of a freshly loaded page: the skip link, the header, then the main navigation.
    await press('the "Rechercher" link', (f) => f.tag === 'a' && f.href === '/missions');
    expect(await focusIsVisible(page)).toBe(true);
    await enter();
    await page.waitForURL((u) => u.pathname === '/missions');
    await settled(page, 'Trouver une mission');
    // The heading took the focus: the keyword box comes next.
    await press('the keyword box', (f) => f.tag === 'input' && f.name === 'q', 3);
    await page.keyboard.type('ateliers numériques seniors');
    await enter();
    await page.waitForURL((u) => u.searchParams.get('q') === 'ateliers numériques seniors');
    await page.getByText('1 mission trouvée').waitFor();
    await audit(page, 'search-results', 'Trouver une mission');
    await press('the mission link', (f) => f.tag === 'a' && f.href === `/missions/${missionId}`);
    expect(await focusIsVisible(page)).toBe(true);
    await enter();
    await page.waitForURL((u) => u.pathname === `/missions/${missionId}`);
    await settled(page, MISSION_TITLE);
    await audit(page, 'mission-as-postier', MISSION_TITLE);
    await press('the motivation box', (f) => f.tag === 'textarea' && f.name === 'motivation', 20);
    await page.keyboard.type(
      'J’accompagne déjà mes voisins sur leurs démarches en ligne ; disponible deux mercredis par mois.',
    );
    await press('the send button', (f) => f.tag === 'button' && f.text === 'Envoyer ma candidature', 3);
    expect(await focusIsVisible(page)).toBe(true);
    await enter();
    await page.getByText('Votre candidature est envoyée.').waitFor();
    await audit(page, 'mission-applied', MISSION_TITLE);
    process.stdout.write(
      `e2e: keyboard-only search → apply: ${tabs} Tab and ${enters} Enter presses, no mouse\n`,
    );
    // The association is told.
    await stack.sink.waitFor(
      (m) => m.to.includes(member.email) && m.subject.startsWith('Nouvelle candidature pour'),
      WAIT,
    );
    expectNoSeriousViolations();
  }, 60_000);

  it('association accepts the applicant; HR approves the mission time', async () => {
    await association.goto(url(`/association/missions/${missionId}/candidatures`));
    await audit(association, 'applicants', /^Candidatures · /);
    const name = `${postier.firstName} ${postier.lastName}`;
    await association.getByRole('button', { name: `Accepter ${name}` }).click();
    await association.locator('li.result').getByText('Acceptée').waitFor();
    await audit(association, 'applicant-accepted', /^Candidatures · /);

    hrPage = await newPage();
    const page = hrPage;
    await login(page, hr.email, TEST_PASSWORD, 'hr');
    await page.waitForURL((u) => u.pathname === '/rh/approbations');
    await audit(page, 'hr-approvals', 'Approbations du temps de mission');
    await page.getByRole('button', { name: `Approuver le temps de ${name}` }).click();
    await page.getByText(`${name}, « ${MISSION_TITLE} » : temps approuvé.`).waitFor();
    await audit(page, 'hr-approved', 'Approbations du temps de mission');
    await nav(page, 'Heures à valider');
    await audit(page, 'hr-hours', 'Heures à valider');
    await nav(page, 'Rapports');
    await audit(page, 'hr-reports');

    // The postier is told of both decisions, by email and in their applications.
    await stack.sink.waitFor((m) => m.to.includes(postier.email) && /est acceptée$/.test(m.subject), WAIT);
    await stack.sink.waitFor((m) => m.to.includes(postier.email) && / par les RH$/.test(m.subject), WAIT);
    await postierPage.goto(url('/mes-candidatures'));
    await postierPage.getByText('Approuvée par les RH').first().waitFor();
    await audit(postierPage, 'postier-applications');
    await nav(postierPage, 'Mes heures');
    await audit(postierPage, 'postier-hours');
    // The year buttons: pressing last year's shows its (empty) declarations and says which is pressed.
    const lastYear = new Date().getFullYear() - 1;
    const previousYear = postierPage.getByRole('button', { name: `Année ${lastYear}` });
    await previousYear.press('Enter');
    await postierPage.getByText(`Aucune heure déclarée en ${lastYear}.`).waitFor();
    expect(await previousYear.getAttribute('aria-pressed')).toBe('true');
    expect(
      await postierPage.getByRole('button', { name: `Année ${lastYear + 1}` }).getAttribute('aria-pressed'),
    ).toBe('false');
    await postierPage.getByRole('link', { name: 'Mon compte' }).click();
    await audit(postierPage, 'postier-account');
    await postierPage.goto(url('/mon-compte/notifications'));
    await audit(postierPage, 'postier-notifications');
    await nav(association, 'Heures');
    await audit(association, 'association-hours', 'Heures');
    expectNoSeriousViolations();
  }, 90_000);

  it('usable at 320 px: no horizontal scroll on the main pages of every role', async () => {
    const small = { width: 320, height: 640 };
    const mainPages: [string, Page, string[]][] = [
      [
        'anonymous',
        anonymous,
        ['/', '/missions', `/missions/${missionId}`, '/connexion', '/inscription', '/accessibilite'],
      ],
      [
        'postier',
        postierPage,
        ['/missions', `/missions/${missionId}`, '/mon-compte/profil', '/mes-candidatures', '/mes-heures'],
      ],
      [
        'association',
        association,
        [
          '/association',
          '/association/missions',
          `/association/missions/${missionId}/modifier`,
          `/association/missions/${missionId}/candidatures`,
        ],
      ],
      ['hr', hrPage, ['/rh/approbations', '/rh/heures', '/rh/rapports']],
      ['admin', adminPage, ['/admin/associations', '/admin/rh', '/admin/envois']],
    ];
    const overflowing: string[] = [];
    for (const [role, page, paths] of mainPages) {
      await page.setViewportSize(small);
      for (const path of paths) {
        await page.goto(url(path));
        const name = path.replace(missionId, 'id').replace(/^\/$/, '/home').replaceAll('/', '-');
        await settled(page);
        // Two frames: the layout of what the last response brought is done.
        await page.evaluate(
          'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
        );
        // What sticks out on the right, if anything (the innermost elements, to name the culprit).
        const wide = (await page.evaluate(`(() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return [];
          return [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > width + 0.5)
            .slice(-5)
            .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
        })()`)) as string[];
        await audit(page, `320px-${role}${name}`);
        if (wide.length > 0) overflowing.push(`${role} ${path}: ${wide.join(', ')}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(overflowing).toEqual([]);

    // The main navigation folds into a menu button on a small screen.
    await anonymous.setViewportSize(small);
    await anonymous.goto(url('/'));
    const link = anonymous
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Trouver une mission' });
    await anonymous.getByRole('button', { name: 'Menu' }).click();
    await link.waitFor();
    await link.click();
    await settled(anonymous, 'Trouver une mission');
    expectNoSeriousViolations();
  }, 90_000);

  it('search with the demo data: time for the page to show results, measured in the browser', async () => {
    await seedDemoData(stack.database.db, { seed: 42, postiers: 200, progress: 'silent' });
    const page = postierPage;
    // The first result drawn, in ms since the navigation started (the page's time origin).
    await page.context().addInitScript(`
      new MutationObserver((_, observer) => {
        if (document.querySelector('.results .result')) {
          observer.disconnect();
          requestAnimationFrame(() => { window.__firstResultAt = performance.now(); });
        }
      }).observe(document, { childList: true, subtree: true });
    `);
    const loads: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto(url('/missions'));
      loads.push(Number(await until(page, 'window.__firstResultAt', 'the first result')));
    }
    await audit(page, 'search-demo-data', 'Trouver une mission');
    const shown = await page.locator('.results__count').textContent();

    // A keyword search from the page: Enter pressed → results redrawn.
    const searches: number[] = [];
    const found: string[] = [];
    for (const words of ['numérique', 'comptabilité', 'logistique']) {
      const box = page.getByRole('searchbox', { name: /^Mots-clés/ });
      await box.fill(words);
      await page.evaluate(`(() => {
        window.__searchTook = undefined;
        let sawLoading = false;
        let started = 0;
        document.addEventListener('keydown', (e) => { if (e.key === 'Enter') started = performance.now(); }, { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (document.querySelector('.state--loading')) sawLoading = true;
          else if (sawLoading && document.querySelector('.results__count')?.textContent.includes('trouvée')) {
            observer.disconnect();
            requestAnimationFrame(() => { window.__searchTook = performance.now() - started; });
          }
        });
        observer.observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true });
      })()`);
      await box.press('Enter');
      searches.push(Number(await until(page, 'window.__searchTook', 'the search results')));
      found.push(`${words}: ${await page.locator('.results__count').textContent()}`);
    }
    const first = loads[0] ?? Number.NaN;
    const warm = loads.slice(1).sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)] ?? Number.NaN;
    process.stdout.write(
      `e2e: search page with demo data (${shown}): first load ${first.toFixed(0)} ms, ` +
        `then median ${median.toFixed(0)} ms (${warm.map((t) => t.toFixed(0)).join(', ')}); ` +
        `keyword searches ${searches.map((t) => t.toFixed(0)).join(', ')} ms (${found.join('; ')})\n`,
    );
    // The goal (issue 7): results within 1 s on localhost. The median of warm loads, so one slow
    // load on a busy machine does not fail the run.
    expect(median).toBeLessThan(1_000);
    expect(Math.max(...searches)).toBeLessThan(1_000);
    expectNoSeriousViolations();
  }, 120_000);
});
