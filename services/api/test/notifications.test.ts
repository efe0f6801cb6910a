import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashToken, schema, TOKEN_LIFETIME_MS, writeOutbox } from '@passerelle/db';
import {
  type Child,
  type ReceivedMail,
  type SmtpSink,
  spawnChild,
  startSmtpSink,
  testEnv,
} from '@passerelle/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, randomRna } from './factories';
import { buildTestApp, type TestApp } from './helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PUBLIC = 'http://passerelle.test';
const to = (address: string) => (mail: ReceivedMail) => mail.to.includes(address);

function linkIn(mail: ReceivedMail, prefix: string): URL {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = mail.text.match(new RegExp(`${escaped}[^\\s>)]*`));
  if (!match) throw new Error(`no link starting with ${prefix} in «${mail.subject}»`);
  return new URL(match[0]);
}

/** A known unsubscribe token for a user, as the notifier stores it (hash only). */
async function unsubscribeTokenFor(t: TestApp, userId: string): Promise<string> {
  const token = `test-unsubscribe-${userId}`;
  await t.database.db.insert(schema.emailTokens).values({
    userId,
    purpose: 'unsubscribe',
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS.unsubscribe),
  });
  return token;
}

async function preferencesOf(t: TestApp, userId: string) {
  const [row] = await t.database.db
    .select()
    .from(schema.notificationPreferences)
    .where(eq(schema.notificationPreferences.userId, userId));
  return row;
}

describe('notification preferences and unsubscribe', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('reads and sets my preferences, and refuses what is not one of the four frequencies', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');

    const postier = await createUser(t.app, 'postier');
    const initial = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/notification-preferences',
      headers: postier.auth,
    });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({ recommendations: 'weekly', activity: 'immediate', lastDigestAt: null });

    const updated = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: postier.auth,
      payload: { recommendations: 'daily', activity: 'weekly' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ recommendations: 'daily', activity: 'weekly' });
    expect(await preferencesOf(t, postier.id)).toMatchObject({
      recommendations: 'daily',
      activity: 'weekly',
    });

    const wrong = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: postier.auth,
      payload: { recommendations: 'hourly', activity: 'weekly', extra: true },
    });
    expect(wrong.statusCode).toBe(400);
    expect(
      wrong
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.extra', 'body.recommendations']);

    // An account created without a preferences row (an admin, a seed) gets the defaults.
    const admin = await createUser(t.app, 'admin');
    await t.database.db
      .delete(schema.notificationPreferences)
      .where(eq(schema.notificationPreferences.userId, admin.id));
    const defaults = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/notification-preferences',
      headers: admin.auth,
    });
    expect(defaults.json()).toMatchObject({ recommendations: 'weekly', activity: 'immediate' });
  });

  it('unsubscribes with one click as RFC 8058 posts it, again and again, and never on a GET', async () => {
    const postier = await createUser(t.app, 'postier');
    const token = await unsubscribeTokenFor(t, postier.id);

    const page = await t.app.inject({ method: 'GET', url: `/api/v1/unsubscribe?token=${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('lang="fr"');
    expect(page.body).toContain('method="post"');
    expect((await preferencesOf(t, postier.id))?.recommendations).toBe('weekly');

    const oneClick = await t.app.inject({
      method: 'POST',
      url: `/api/v1/unsubscribe?token=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.json()).toEqual({ ok: true });
    expect((await preferencesOf(t, postier.id))?.recommendations).toBe('never');

    // A provider retrying, a person clicking twice: still fine.
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/unsubscribe?token=${token}`,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    expect(twice.statusCode).toBe(200);

    const json = await t.app.inject({ method: 'POST', url: '/api/v1/unsubscribe', payload: { token } });
    expect(json.statusCode).toBe(200);

    const fromPage = await t.app.inject({
      method: 'POST',
      url: `/api/v1/unsubscribe?token=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click&source=page',
    });
    expect(fromPage.statusCode).toBe(303);
    const done = await t.app.inject({
      method: 'GET',
      url: `/api/v1/unsubscribe${fromPage.headers.location}`,
    });
    expect(done.body).toContain('Vous êtes désabonné');
  });

  it('refuses an unknown or expired token, and a request without one', async () => {
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unsubscribe?token=not-a-real-token-at-all',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'TOKEN_INVALID', errors: [{ field: 'query.token' }] });

    const postier = await createUser(t.app, 'postier');
    await t.database.db.insert(schema.emailTokens).values({
      userId: postier.id,
      purpose: 'unsubscribe',
      tokenHash: hashToken('an-expired-unsubscribe-token'),
      expiresAt: new Date(Date.now() - 1_000),
    });
    const expired = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unsubscribe?token=an-expired-unsubscribe-token',
    });
    expect(expired.statusCode).toBe(400);
    // A verification token is not an unsubscribe token.
    await t.database.db.insert(schema.emailTokens).values({
      userId: postier.id,
      purpose: 'verify_email',
      tokenHash: hashToken('a-verification-token-value'),
      expiresAt: new Date(Date.now() + 60_000),
    });
    const wrongPurpose = await t.app.inject({
      method: 'POST',
      url: '/api/v1/unsubscribe?token=a-verification-token-value',
    });
    expect(wrongPurpose.statusCode).toBe(400);

    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/unsubscribe' });
    expect(missing.statusCode).toBe(400);
    expect((await preferencesOf(t, postier.id))?.recommendations).toBe('weekly');
  });
});

describe('journeys through the api, the outbox and the notifier process', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let notifier: Child;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await buildTestApp({ SMTP_URL: sink.url });
    // The real notifier, as its own process: node loads tsx as a hook (the tsx command would
    // add a wrapper process between us and it).
    const env = testEnv({
      DATABASE_URL: t.database.url,
      SMTP_URL: sink.url,
      QUEUE_PREFIX: t.app.config.QUEUE_PREFIX,
      LOG_LEVEL: 'info',
    });
    const clean = Object.fromEntries(
      Object.entries({ PATH: process.env.PATH, HOME: process.env.HOME, ...env }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    notifier = spawnChild(process.execPath, ['--import', 'tsx', 'services/notifier/src/main.ts'], {
      cwd: ROOT,
      env: clean,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`notifier not ready:\n${notifier.output()}`)), 30_000);
      notifier.process.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('notifier and outbox relay ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }, 60_000);
  afterAll(async () => {
    await notifier?.stop(10_000);
    await t?.close();
    await sink?.stop();
  });

  it('registers, receives the verification email, and its link verifies the account', async () => {
    const email = 'margaux.lefebvre@laposte.fr';
    const password = 'Un-mot-de-passe-solide-42';
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { email, password, firstName: 'Margaux', lastName: 'Lefebvre', role: 'postier' },
    });
    expect(registered.statusCode).toBe(201);

    const mail = await sink.waitFor(to(email), 20_000);
    expect(mail.subject).toBe('Confirmez votre adresse e-mail pour activer votre compte Passerelle');
    expect(mail.from).toBe('no-reply@passerelle.test');
    const link = linkIn(mail, `${PUBLIC}/verifier-email?token=`);

    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: link.searchParams.get('token') },
    });
    expect(verified.statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    expect(login.json().user.emailVerified).toBe(true);
    // Single use.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token: link.searchParams.get('token') },
    });
    expect(again.statusCode).toBe(400);
  });

  it('resets a forgotten password through the emailed link', async () => {
    const user = await createUser(t.app, 'postier');
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: user.email },
    });
    expect(asked.statusCode).toBe(202);
    const mail = await sink.waitFor(to(user.email), 20_000);
    expect(mail.subject).toBe('Réinitialisez votre mot de passe Passerelle');
    const token = linkIn(mail, `${PUBLIC}/reinitialiser-mot-de-passe?token=`).searchParams.get('token');
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'Nouveau-mot-de-passe-2026' },
    });
    expect(confirmed.statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'Nouveau-mot-de-passe-2026' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('follows the unsubscribe link of a recommendation, and the next recommendation is not sent', async () => {
    const db = t.database.db;
    const postier = await createUser(t.app, 'postier');
    const control = await createUser(t.app, 'postier');
    for (const user of [postier, control]) {
      const set = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/me/notification-preferences',
        headers: user.auth,
        payload: { recommendations: 'immediate', activity: 'immediate' },
      });
      expect(set.statusCode).toBe(200);
    }
    const [association] = await db
      .insert(schema.associations)
      .values({
        name: 'Les Jardins Solidaires',
        rna: randomRna(),
        communeCode: '75056',
        labelStatus: 'labelled',
      })
      .returning({ id: schema.associations.id });
    if (!association) throw new Error('association insert failed');
    const publish = async (title: string, postiers: string[]) => {
      const [mission] = await db
        .insert(schema.missions)
        .values({
          associationId: association.id,
          title,
          description: 'Une mission de mécénat de compétences.',
          domainCode: 'economie-circulaire',
          mode: 'remote',
          startDate: '2026-01-01',
          endDate: '2027-12-31',
          hoursTotal: 12,
          status: 'published',
          publishedAt: new Date(),
        })
        .returning({ id: schema.missions.id });
      if (!mission) throw new Error('mission insert failed');
      for (const [rank, postierId] of postiers.entries()) {
        await db
          .insert(schema.matches)
          .values({ missionId: mission.id, postierId, rank: rank + 1, score: 0.9 - rank / 10, reasons: [] });
      }
      // What the matcher writes once the mission's matches are committed.
      await writeOutbox(db, 'matches.ready', { missionId: mission.id });
      return mission.id;
    };

    await publish('Compostage de quartier', [postier.id]);
    const first = await sink.waitFor(to(postier.email), 20_000);
    expect(first.subject).toBe('Une mission qui pourrait vous correspondre');
    expect(first.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const header = first.headers['list-unsubscribe'] ?? '';
    const url = new URL(header.replace(/^<|>$/g, ''));
    expect(url.origin + url.pathname).toBe(`${PUBLIC}/api/v1/unsubscribe`);

    // What a mail provider does on "unsubscribe": POST the URL, form-encoded (RFC 8058).
    const clicked = await t.app.inject({
      method: 'POST',
      url: `${url.pathname}${url.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.statusCode).toBe(200);

    await publish('Réemploi de mobilier', [postier.id, control.id]);
    await sink.waitFor((m) => to(control.email)(m) && m.text.includes('Réemploi de mobilier'), 20_000);
    // Both were planned in the same job: once the control's email is out, the other's fate is sealed.
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.messages.filter(to(postier.email))).toHaveLength(1);
    expect((await preferencesOf(t, postier.id))?.recommendations).toBe('never');
  });
});
