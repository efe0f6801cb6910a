import { schema } from '@passerelle/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateMe } from '../src/features/me/service';
import { createUser, randomRna } from './factories';
import { buildTestApp, type TestApp } from './helpers';

describe('/me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const profileEvents = async (postierId: string) =>
    t.database.db
      .select()
      .from(schema.outbox)
      .where(
        and(
          eq(schema.outbox.eventType, 'profile.updated'),
          sql`${schema.outbox.payload}->>'postierId' = ${postierId}`,
        ),
      );

  it('needs a token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { firstName: 'X' } });
    expect(patch.statusCode).toBe(401);
  });

  it("returns a postier's account and default profile", async () => {
    const postier = await createUser(t.app, 'postier', { firstName: 'Léa', lastName: 'Martin' });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: postier.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: postier.id,
      email: postier.email,
      firstName: 'Léa',
      lastName: 'Martin',
      role: 'postier',
      emailVerified: true,
      associationId: null,
      profile: {
        businessUnitId: null,
        communeCode: null,
        communeName: null,
        mobilityRadiusKm: 20,
        remoteOk: true,
        availableFrom: null,
        availableTo: null,
        matchingOptIn: false,
        skills: [],
        domains: [],
      },
    });
  });

  it('updates the profile, replaces skills and domains, and writes profile.updated', async () => {
    const postier = await createUser(t.app, 'postier');
    const payload = {
      firstName: 'Inès',
      communeCode: '42218',
      mobilityRadiusKm: 35,
      remoteOk: false,
      availableFrom: '2026-01-05',
      availableTo: '2026-06-30',
      matchingOptIn: true,
      skills: [
        { code: 'gestion-entrepot', level: 3 },
        { code: 'preparation-commandes', level: 1 },
      ],
      domains: ['inclusion-numerique', 'logistique-urbaine'],
    };
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: postier.auth, payload });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      firstName: 'Inès',
      profile: {
        communeCode: '42218',
        communeName: 'Saint-Étienne',
        mobilityRadiusKm: 35,
        remoteOk: false,
        availableFrom: '2026-01-05',
        availableTo: '2026-06-30',
        matchingOptIn: true,
        skills: [
          { code: 'gestion-entrepot', level: 3 },
          { code: 'preparation-commandes', level: 1 },
        ],
        domains: ['inclusion-numerique', 'logistique-urbaine'],
      },
    });
    expect(await profileEvents(postier.id)).toHaveLength(1);
    expect((await profileEvents(postier.id))[0]?.payload).toEqual({ postierId: postier.id });

    // The lists are replaced whole; fields left out keep their value.
    const again = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: postier.auth,
      payload: { skills: [{ code: 'gestion-stocks-inventaires', level: 4 }], domains: [] },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().profile).toMatchObject({
      communeCode: '42218',
      skills: [{ code: 'gestion-stocks-inventaires', level: 4 }],
      domains: [],
    });
    expect(await profileEvents(postier.id)).toHaveLength(2);

    // Names only: no profile change, no event for the matcher.
    const names = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: postier.auth,
      payload: { lastName: 'Roux' },
    });
    expect(names.json().lastName).toBe('Roux');
    expect(await profileEvents(postier.id)).toHaveLength(2);
  });

  it('names the field of an unknown skill, commune, domain or business unit (422)', async () => {
    const postier = await createUser(t.app, 'postier');
    const skills = [
      { code: 'gestion-entrepot', level: 2 },
      { code: 'preparation-commandes', level: 2 },
      { code: 'gestion-stocks-inventaires', level: 2 },
      { code: 'jonglage-quantique', level: 2 },
    ];
    const badSkill = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: postier.auth,
      payload: { skills },
    });
    expect(badSkill.statusCode).toBe(422);
    expect(badSkill.json()).toMatchObject({
      code: 'UNKNOWN_SKILL',
      errors: [{ field: 'body.skills.3.code' }],
    });

    const twice = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: postier.auth,
      payload: { skills: [skills[0], { code: 'gestion-entrepot', level: 4 }] },
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors).toEqual([
      { field: 'body.skills.1.code', message: expect.stringContaining('twice') },
    ]);

    const badCommune = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: postier.auth,
      payload: { communeCode: '99999' },
    });
    expect(badCommune.statusCode).toBe(422);
    expect(badCommune.json().errors[0].field).toBe('body.communeCode');

    const badDomain = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: postier.auth,
      payload: { domains: ['handicap', 'astrologie'] },
    });
    expect(badDomain.statusCode).toBe(422);
    expect(badDomain.json().errors[0].field).toBe('body.domains.1');

    const badUnit = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: postier.auth,
      payload: { businessUnitId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(badUnit.statusCode).toBe(422);
    expect(badUnit.json().errors[0].field).toBe('body.businessUnitId');

    // Nothing was written, nothing announced.
    expect(await profileEvents(postier.id)).toHaveLength(0);
    const skillRows = await t.database.db
      .select()
      .from(schema.postierSkills)
      .where(eq(schema.postierSkills.userId, postier.id));
    expect(skillRows).toHaveLength(0);
  });

  it('writes the profile and profile.updated in one transaction', async () => {
    const postier = await createUser(t.app, 'postier');
    await expect(
      t.database.db.transaction(async (tx) => {
        await updateMe(tx, postier.id, 'postier', {
          communeCode: '69123',
          skills: [{ code: 'gestion-entrepot', level: 2 }],
        });
        throw new Error('crash after the write');
      }),
    ).rejects.toThrow('crash after the write');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: postier.auth });
    expect(me.json().profile).toMatchObject({ communeCode: null, skills: [] });
    expect(await profileEvents(postier.id)).toHaveLength(0);
  });

  it('refuses out-of-range values and unknown fields (400), and inverted availability (422)', async () => {
    const postier = await createUser(t.app, 'postier');
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: postier.auth, payload });

    const level = await patch({ skills: [{ code: 'gestion-entrepot', level: 5 }] });
    expect(level.statusCode).toBe(400);
    expect(level.json().errors[0].field).toBe('body.skills.0.level');

    const tooMany = await patch({
      skills: Array.from({ length: 31 }, (_, i) => ({ code: `s${i}`, level: 1 })),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].field).toBe('body.skills');

    const radius = await patch({ mobilityRadiusKm: 301 });
    expect(radius.statusCode).toBe(400);
    expect(radius.json().errors[0].field).toBe('body.mobilityRadiusKm');

    expect((await patch({ availableFrom: '2026-02-30' })).statusCode).toBe(400);
    const extra = await patch({ role: 'admin' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].field).toContain('role');

    const inverted = await patch({ availableFrom: '2026-06-01', availableTo: '2026-05-01' });
    expect(inverted.statusCode).toBe(422);
    expect(inverted.json().errors[0].field).toBe('body.availableTo');

    // Compared with what is stored when only one end changes.
    expect((await patch({ availableFrom: '2026-03-01', availableTo: '2026-04-30' })).statusCode).toBe(200);
    const later = await patch({ availableFrom: '2026-05-01' });
    expect(later.statusCode).toBe(422);
    expect(later.json().errors[0].field).toBe('body.availableFrom');
    expect((await patch({ availableTo: null, availableFrom: '2026-05-01' })).statusCode).toBe(200);
  });

  it('lets other roles change their names only (403 naming the profile fields)', async () => {
    const hr = await createUser(t.app, 'hr');
    const refused = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: hr.auth,
      payload: { firstName: 'Noé', matchingOptIn: true },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'PROFILE_NOT_ALLOWED',
      errors: [{ field: 'body.matchingOptIn' }],
    });

    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: hr.auth,
      payload: { firstName: 'Noé' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ firstName: 'Noé', role: 'hr', profile: null, associationId: null });
  });

  it("gives an association member their association's id", async () => {
    const member = await createUser(t.app, 'association');
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: member.auth });
    expect(before.json()).toMatchObject({ role: 'association', profile: null, associationId: null });

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/associations',
      headers: member.auth,
      payload: {
        name: 'Les Amis du Quartier',
        rna: randomRna(),
        description: 'Entraide',
        communeCode: '42218',
        domains: ['handicap'],
      },
    });
    expect(created.statusCode).toBe(201);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: member.auth });
    expect(after.json().associationId).toBe(created.json().id);
  });

  it('answers 401 to a token whose account was disabled', async () => {
    const postier = await createUser(t.app, 'postier');
    await t.database.db
      .update(schema.users)
      .set({ status: 'disabled' })
      .where(eq(schema.users.id, postier.id));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: postier.auth })).statusCode).toBe(
      401,
    );
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: postier.auth,
      payload: { remoteOk: false },
    });
    expect(patch.statusCode).toBe(401);
    expect(await profileEvents(postier.id)).toHaveLength(0);
  });
});
