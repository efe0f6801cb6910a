import { issueEmailToken, schema } from '@passerelle/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

describe('HR users: created by an admin with a scope, invited to set their password', () => {
  let t: TestApp;
  let admin: TestUser;
  let hr: TestUser;
  let unitId: string;

  const call = (method: 'GET' | 'POST' | 'PUT', user: TestUser, url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUser(t.app, 'admin');
    hr = await createUser(t.app, 'hr');
    const [unit] = await t.database.db
      .insert(schema.businessUnits)
      .values({ code: `bu-${Date.now()}`, name: 'Courrier', legalEntity: 'La Poste SA' })
      .returning({ id: schema.businessUnits.id });
    if (!unit) throw new Error('unit insert failed');
    unitId = unit.id;
  });
  afterAll(() => t.close());

  it('creates the user (role hr, no password), the scope rows and an hr.invited event', async () => {
    const email = `rh.${Date.now()}@laposte.fr`;
    const denied = await call('POST', hr, '/admin/hr-users', {
      email,
      firstName: 'Rh',
      lastName: 'Lyon',
      scopes: [{ regionCode: '84' }],
    });
    expect(denied.statusCode).toBe(403);

    const created = await call('POST', admin, '/admin/hr-users', {
      email: email.toUpperCase(),
      firstName: 'Inès',
      lastName: 'Durand',
      scopes: [{ regionCode: '84' }, { businessUnitId: unitId, regionCode: '93' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({
      email,
      firstName: 'Inès',
      passwordSet: false,
      scopes: [
        { businessUnitId: null, regionCode: '84' },
        { businessUnitId: unitId, regionCode: '93' },
      ],
    });
    const [row] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(row).toMatchObject({ role: 'hr', passwordHash: null });
    const events = await t.database.db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.eventType, 'hr.invited'));
    expect(events.map((e) => e.payload)).toEqual([{ userId: user.id }]);

    const again = await call('POST', admin, '/admin/hr-users', {
      email,
      firstName: 'X',
      lastName: 'Y',
      scopes: [{ regionCode: '84' }],
    });
    expect(again.statusCode).toBe(409);
    const unknown = await call('POST', admin, '/admin/hr-users', {
      email: `autre.${email}`,
      firstName: 'X',
      lastName: 'Y',
      scopes: [{ regionCode: 'ZZ' }],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({
      code: 'UNKNOWN_REGION',
      errors: [{ field: 'body.scopes.0.regionCode' }],
    });
    const empty = await call('POST', admin, '/admin/hr-users', {
      email: `vide.${email}`,
      firstName: 'X',
      lastName: 'Y',
      scopes: [{}],
    });
    expect(empty.statusCode).toBe(400);

    // The invitation link (hr_invitation token) sets the password; then the HR user can log in.
    const token = await issueEmailToken(t.database.db, user.id, 'hr_invitation');
    const password = 'Un-mot-de-passe-RH-2026!';
    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    expect(login.statusCode).toBe(200);

    const list = await call('GET', admin, '/admin/hr-users?limit=100');
    expect(list.statusCode).toBe(200);
    const listed = list.json().items.find((i: { id: string }) => i.id === user.id);
    expect(listed).toMatchObject({ passwordSet: true, scopes: user.scopes });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(hr.id);
    expect((await call('GET', hr, '/admin/hr-users')).statusCode).toBe(403);

    const replaced = await call('PUT', admin, `/admin/hr-users/${user.id}/scopes`, {
      scopes: [{ businessUnitId: unitId }],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().scopes).toEqual([{ businessUnitId: unitId, regionCode: null }]);
    const scopes = await t.database.db
      .select()
      .from(schema.hrScopes)
      .where(eq(schema.hrScopes.userId, user.id));
    expect(scopes).toHaveLength(1);
    expect(
      (await call('PUT', admin, `/admin/hr-users/${admin.id}/scopes`, { scopes: [{ regionCode: '84' }] }))
        .statusCode,
    ).toBe(404);
    const audit = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.entityId, user.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['hr_user.invited', 'hr_user.scopes_set']);
  });
});
