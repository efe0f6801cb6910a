import { schema } from '@passerelle/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

describe('yearly quotas set by admins', () => {
  let t: TestApp;
  let admin: TestUser;
  let postier: TestUser;
  let unitId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUser(t.app, 'admin');
    postier = await createUser(t.app, 'postier');
    const [unit] = await t.database.db
      .insert(schema.businessUnits)
      .values({ code: 'BSCC', name: 'Branche Services-Courrier-Colis', legalEntity: 'La Poste SA' })
      .returning({ id: schema.businessUnits.id });
    unitId = unit?.id ?? '';
    await t.database.db
      .update(schema.postierProfiles)
      .set({ businessUnitId: unitId })
      .where(eq(schema.postierProfiles.userId, postier.id));
  });
  afterAll(() => t.close());

  const quotaOf = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/me/time-entries', headers: postier.auth })).json()
      .quota.quota;

  it('applies the default, then the business unit override, then the default again', async () => {
    expect(await quotaOf()).toBe(70);
    const setDefault = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/settings/yearly-quota',
      headers: admin.auth,
      payload: { hours: 80 },
    });
    expect(setDefault.statusCode).toBe(200);
    expect(await quotaOf()).toBe(80);

    const override = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/business-units/${unitId}/yearly-quota`,
      headers: admin.auth,
      payload: { hours: 100 },
    });
    expect(override.statusCode).toBe(200);
    expect(await quotaOf()).toBe(100);

    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/business-units/${unitId}/yearly-quota`,
      headers: admin.auth,
      payload: { hours: null },
    });
    expect(await quotaOf()).toBe(80);
    const audit = await t.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.actorUserId, admin.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['settings.default_yearly_quota', 'business_unit.yearly_quota']),
    );
  });

  it('is for admins only and refuses bad values', async () => {
    const asPostier = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/settings/yearly-quota',
      headers: postier.auth,
      payload: { hours: 500 },
    });
    expect(asPostier.statusCode).toBe(403);
    const negative = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/settings/yearly-quota',
      headers: admin.auth,
      payload: { hours: -1 },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors[0].field).toBe('body.hours');
    const unknown = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/business-units/0f8fad5b-d9cb-469f-a165-70867728950e/yearly-quota',
      headers: admin.auth,
      payload: { hours: 10 },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
