import { issueEmailToken, schema } from '@passerelle/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from './factories';
import { buildTestApp, type TestApp } from './helpers';

function refreshCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = all.find((c) => c.startsWith('passerelle_refresh='));
  if (!cookie) throw new Error('no refresh cookie');
  return cookie.split(';')[0] ?? '';
}

describe('accounts and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('registers a postier only with an allowed professional domain', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email: 'jean@gmail.com',
        password: 'Un-mot-de-passe-solide-42',
        firstName: 'Jean',
        lastName: 'Dupont',
        role: 'postier',
      },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'EMAIL_DOMAIN_NOT_ALLOWED',
      errors: [{ field: 'body.email' }],
    });
    expect(refused.json().detail).toContain('@laposte.fr');

    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email: 'Jean.Dupont@LaPoste.fr',
        password: 'Un-mot-de-passe-solide-42',
        firstName: 'Jean',
        lastName: 'Dupont',
        role: 'postier',
      },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ email: 'jean.dupont@laposte.fr', role: 'postier' });
    const events = await t.database.db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.eventType, 'user.registered'));
    expect(events.map((e) => e.payload)).toContainEqual({ userId: ok.json().id });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        email: 'jean.dupont@laposte.fr',
        password: 'Un-autre-mot-de-passe-77',
        firstName: 'J',
        lastName: 'D',
        role: 'postier',
      },
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses short and common passwords, and unknown fields', async () => {
    const base = { email: 'asso@example.org', firstName: 'A', lastName: 'B', role: 'association' };
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...base, password: 'court' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('body.password');
    const common = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...base, password: 'passwordpassword' },
    });
    expect(common.statusCode).toBe(422);
    expect(common.json().code).toBe('PASSWORD_TOO_COMMON');
    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...base, password: 'Un-mot-de-passe-solide-42', isAdmin: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].field).toContain('isAdmin');
  });

  it('verifies an email with a single-use token', async () => {
    const user = await createUser(t.app, 'association');
    await t.database.db
      .update(schema.users)
      .set({ emailVerifiedAt: null })
      .where(eq(schema.users.id, user.id));
    const token = await issueEmailToken(t.database.db, user.id, 'verify_email');
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token },
    });
    expect(first.statusCode).toBe(200);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/verify-email',
      payload: { token },
    });
    expect(second.statusCode).toBe(400);
    const [row] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(row?.emailVerifiedAt).not.toBeNull();
  });

  it('logs in with a short-lived pinned JWT and a rotating refresh cookie; reuse revokes the family', async () => {
    const user = await createUser(t.app, 'postier');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const body = login.json();
    expect(body.expiresIn).toBeLessThanOrEqual(900);
    const [header, payload] = body.accessToken
      .split('.')
      .slice(0, 2)
      .map((p: string) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({
      sub: user.id,
      role: 'postier',
      iss: 'passerelle',
      aud: 'passerelle-api',
    });
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(900);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);

    const first = refreshCookie(login.headers['set-cookie']);
    const rotated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: first },
    });
    expect(rotated.statusCode).toBe(200);
    const second = refreshCookie(rotated.headers['set-cookie']);
    expect(second).not.toBe(first);

    // Replaying the spent cookie revokes the whole family, including the fresh one.
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: first },
    });
    expect(replay.statusCode).toBe(401);
    const afterReplay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: second },
    });
    expect(afterReplay.statusCode).toBe(401);
  });

  it('refuses tokens signed with another algorithm, audience or secret', async () => {
    const user = await createUser(t.app, 'postier');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({
        sub: user.id,
        role: 'admin',
        iss: 'passerelle',
        aud: 'passerelle-api',
        exp: Math.floor(Date.now() / 1000) + 60,
      }),
    ).toString('base64url')}.`;
    const forged = t.app.jwt.sign({ sub: user.id, role: 'admin' }, { aud: 'someone-else' });
    const good = t.app.signAccessToken({ sub: user.id, role: 'postier' });
    expect(() => t.app.jwt.verify(good)).not.toThrow();
    for (const token of [unsigned, forged, 'garbage']) {
      expect(() => t.app.jwt.verify(token)).toThrow();
    }
  });

  it('logout revokes, and a disabled account cannot refresh', async () => {
    const user = await createUser(t.app, 'association');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    const cookie = refreshCookie(login.headers['set-cookie']);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie } })).statusCode,
    ).toBe(401);

    const login2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    const cookie2 = refreshCookie(login2.headers['set-cookie']);
    await t.database.db.update(schema.users).set({ status: 'disabled' }).where(eq(schema.users.id, user.id));
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', headers: { cookie: cookie2 } }))
        .statusCode,
    ).toBe(401);
    const relog = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(relog.statusCode).toBe(403);
  });

  it('rate-limits login per account with 429 and Retry-After', async () => {
    const user = await createUser(t.app, 'postier');
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 7; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password: 'wrong-password-123' },
        remoteAddress: `10.0.0.${i + 1}`,
      });
      statuses.push(r.statusCode);
      if (r.statusCode === 429) {
        retryAfter = String(r.headers['retry-after']);
        expect(r.headers['content-type']).toMatch(/problem\+json/);
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('sends helmet security headers on every answer, served from memory or not, errors included', async () => {
    for (const url of ['/api/v1/missions', '/api/v1/missions', '/api/v1/nowhere', '/health/live']) {
      const r = await t.app.inject(url);
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(r.headers['strict-transport-security'], url).toContain('max-age=');
      expect(r.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(r.headers['access-control-allow-origin'], url).toBeUndefined();
    }
  });
});

describe('CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ CORS_ORIGINS: 'https://partenaire.example' });
  });
  afterAll(() => t.close());

  it('opens to the configured origins only, credentials included', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/missions',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const allowed = await preflight('https://partenaire.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://partenaire.example');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const other = await preflight('https://ailleurs.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
