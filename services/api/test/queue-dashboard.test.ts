import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { schema } from '@passerelle/db';
import { QUEUES } from '@passerelle/queue';
import { type RedisHandle, startRedis } from '@passerelle/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_AUDIENCE, DASHBOARD_COOKIE } from '../src/features/queue-dashboard/session';
import { createUser, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

const SESSION = '/api/v1/admin/queue-dashboard/session';
const PAGE_HEADERS = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** The cookie pair (`name=value`) and the raw Set-Cookie line of a session answer. */
function dashboardCookie(setCookie: string | string[] | undefined): { pair: string; line: string } {
  const line = [setCookie ?? []].flat().find((c) => c.startsWith(`${DASHBOARD_COOKIE}=`));
  if (!line) throw new Error(`no ${DASHBOARD_COOKIE} cookie in ${String(setCookie)}`);
  return { pair: line.split(';')[0] ?? '', line };
}

describe('queue dashboard at /admin/queues', () => {
  let t: TestApp;
  let admin: TestUser;
  let postier: TestUser;

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUser(t.app, 'admin');
    postier = await createUser(t.app, 'postier');
  });
  afterAll(() => t.close());

  async function openSession(user: TestUser): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url: SESSION, headers: user.auth });
    expect(response.statusCode).toBe(204);
    return dashboardCookie(response.headers['set-cookie']).pair;
  }

  it('refuses anonymous visitors: no session, an explanatory page, a problem for API calls', async () => {
    const session = await t.app.inject({ method: 'POST', url: SESSION });
    expect(session.statusCode).toBe(401);
    expect(session.headers['set-cookie']).toBeUndefined();

    const page = await t.app.inject({ method: 'GET', url: '/admin/queues', headers: PAGE_HEADERS });
    expect(page.statusCode).toBe(401);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Session expirée — revenez à l’administration');
    expect(page.body).toContain('href="/admin/envois"');
    expect(page.body).not.toContain('__UI_CONFIG__');

    const api = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues' });
    expect(api.statusCode).toBe(401);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.json()).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });

    // A bearer token is not how the dashboard is reached: a plain navigation never carries one.
    const bearer = await t.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: admin.auth,
    });
    expect(bearer.statusCode).toBe(401);
  });

  it('answers 403 to a postier asking for a session', async () => {
    const response = await t.app.inject({ method: 'POST', url: SESSION, headers: postier.auth });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('gives an admin a 10-minute httpOnly, SameSite=Strict cookie scoped to /admin/queues', async () => {
    const response = await t.app.inject({ method: 'POST', url: SESSION, headers: admin.auth });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    const { line } = dashboardCookie(response.headers['set-cookie']);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Path=\/admin\/queues(;|$)/);
    expect(line).toMatch(/; Max-Age=600(;|$)/);
    // PUBLIC_URL is http in tests; the https case is below.
    expect(line).not.toMatch(/; Secure/);
  });

  it('with the cookie, serves the bull-board page and its JSON API over every queue of the app', async () => {
    const cookie = await openSession(admin);
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { ...PAGE_HEADERS, cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<base href="/admin/queues/"');
    expect(page.body).toContain('__UI_CONFIG__');

    // A deep link of the dashboard's own client-side router is served the same page.
    const deep = await t.app.inject({
      method: 'GET',
      url: `/admin/queues/queue/${QUEUES.notifications}`,
      headers: { ...PAGE_HEADERS, cookie },
    });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('__UI_CONFIG__');

    const api = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie } });
    expect(api.statusCode).toBe(200);
    const names = (api.json() as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(Object.values(QUEUES).sort());

    // Its static assets are behind the same cookie.
    const scriptPath = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body)?.[1];
    expect(scriptPath).toBeDefined();
    const anonymousAsset = await t.app.inject({ method: 'GET', url: `/admin/queues/${scriptPath}` });
    expect(anonymousAsset.statusCode).toBe(401);
    const asset = await t.app.inject({
      method: 'GET',
      url: `/admin/queues/${scriptPath}`,
      headers: { cookie },
    });
    expect(asset.statusCode).toBe(200);
  });

  it('refuses a forged, expired or wrong-audience cookie, and clears it', async () => {
    const sign = (options: Record<string, unknown>) =>
      `${DASHBOARD_COOKIE}=${t.app.jwt.sign({ sub: admin.id, role: 'admin' }, options)}`;
    const forgedParts = (await openSession(admin)).split('.');
    forgedParts[2] = `${forgedParts[2]?.slice(0, -4)}AAAA`;
    const cookies = {
      forged: forgedParts.join('.'),
      garbage: `${DASHBOARD_COOKIE}=not-a-token`,
      expired: sign({ aud: DASHBOARD_AUDIENCE, expiresIn: 600, clockTimestamp: Date.now() - 11 * 60_000 }),
      // An access token is signed with the same key but for the api: it must not open the dashboard.
      accessToken: `${DASHBOARD_COOKIE}=${admin.token}`,
    };
    for (const [name, cookie] of Object.entries(cookies)) {
      const api = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie } });
      expect(api.statusCode, name).toBe(401);
      expect(dashboardCookie(api.headers['set-cookie']).pair, name).toBe(`${DASHBOARD_COOKIE}=`);
      const page = await t.app.inject({
        method: 'GET',
        url: '/admin/queues',
        headers: { ...PAGE_HEADERS, cookie },
      });
      expect(page.statusCode, name).toBe(401);
      expect(page.body, name).toContain('Session expirée');
    }

    // And the other way round: a dashboard token is no access token.
    const dashboardToken = (await openSession(admin)).slice(DASHBOARD_COOKIE.length + 1);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${dashboardToken}` },
    });
    expect(me.statusCode).toBe(401);
  });

  it('shuts out at once an admin disabled, or demoted, after getting the cookie', async () => {
    for (const change of [{ status: 'disabled' }, { role: 'postier' }] as const) {
      const other = await createUser(t.app, 'admin');
      const cookie = await openSession(other);
      const before = await t.app.inject({
        method: 'GET',
        url: '/admin/queues/api/queues',
        headers: { cookie },
      });
      expect(before.statusCode).toBe(200);
      await t.database.db.update(schema.users).set(change).where(eq(schema.users.id, other.id));
      const after = await t.app.inject({
        method: 'GET',
        url: '/admin/queues/api/queues',
        headers: { cookie },
      });
      expect(after.statusCode, JSON.stringify(change)).toBe(401);
      // Nor does the still-valid access token get a new cookie.
      const again = await t.app.inject({ method: 'POST', url: SESSION, headers: other.auth });
      expect(again.statusCode, JSON.stringify(change)).toBe(403);
    }
  });

  it('refuses a state-changing call from another origin even with the cookie', async () => {
    const cookie = await openSession(admin);
    const url = `/admin/queues/api/queues/${QUEUES.maintenance}/pause`;
    const foreign = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie, origin: 'https://evil.laposte.fr', host: 'passerelle.test' },
    });
    expect(foreign.statusCode).toBe(403);
    const own = await t.app.inject({
      method: 'PUT',
      url: `/admin/queues/api/queues/${QUEUES.maintenance}/resume`,
      headers: { cookie, origin: 'http://passerelle.test', host: 'passerelle.test' },
    });
    expect(own.statusCode).toBe(200);
  });

  it('stays out of the OpenAPI document, which documents the session route for admins', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, { 'x-roles'?: string[]; responses?: Record<string, unknown> }>>;
    };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/admin/queues'))).toEqual([]);
    const operation = doc.paths[SESSION]?.post;
    expect(operation?.['x-roles']).toEqual(['admin']);
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['204', '401', '403']));
    // A 204 has no body: nothing to document under `content`.
    expect(operation?.responses?.['204']).not.toHaveProperty('content');
  });
});

describe('queue dashboard behind https, with the web app served', () => {
  let t: TestApp;
  let webDist: string;

  beforeAll(async () => {
    webDist = mkdtempSync(path.join(tmpdir(), 'passerelle-web-'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>app shell</title>');
    t = await buildTestApp({ PUBLIC_URL: 'https://passerelle.example.org', WEB_DIST: webDist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('marks the cookie Secure, and the app shell never answers for /admin/queues', async () => {
    const admin = await createUser(t.app, 'admin');
    const session = await t.app.inject({ method: 'POST', url: SESSION, headers: admin.auth });
    const { line, pair } = dashboardCookie(session.headers['set-cookie']);
    expect(line).toMatch(/; Secure/);

    const spa = await t.app.inject({ method: 'GET', url: '/admin/envois', headers: PAGE_HEADERS });
    expect(spa.body).toContain('app shell');
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/queues', headers: PAGE_HEADERS });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).toContain('Session expirée');
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/admin/queues/no/such/page',
      headers: { ...PAGE_HEADERS, cookie: pair },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).not.toContain('app shell');
  });
});

describe('queue dashboard when Redis is away', () => {
  let t: TestApp;
  let redis: RedisHandle;
  let redisDir: string;

  beforeAll(async () => {
    // A directory of our own: the handle removes a temporary one on stop, and restart needs it.
    redisDir = mkdtempSync(path.join(tmpdir(), 'passerelle-dashboard-redis-'));
    redis = await startRedis({ dataDir: redisDir });
    await redis.stop();
    // The api boots without Redis (the outbox keeps the events); its dashboard must recover.
    t = await buildTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
    rmSync(redisDir, { recursive: true, force: true });
  });

  it('says Redis is away, then shows the queues once Redis is back, without a restart', async () => {
    const admin = await createUser(t.app, 'admin');
    const session = await t.app.inject({ method: 'POST', url: SESSION, headers: admin.auth });
    const cookie = dashboardCookie(session.headers['set-cookie']).pair;
    const list = () => t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie } });

    const away = await list();
    expect(away.statusCode).toBe(503);
    expect(away.headers['content-type']).toMatch(/^application\/problem\+json/);

    await redis.restart();
    const started = Date.now();
    let back = await list();
    while (back.statusCode !== 200 && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      back = await list();
    }
    expect(back.statusCode).toBe(200);
    const names = (back.json() as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(Object.values(QUEUES).sort());
  });
});
