import { randomUUID } from 'node:crypto';
import { schema } from '@passerelle/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExpiredMissions } from '../../../packages/db/src/jobs/close-expired-missions';
import { publishMission } from '../src/features/missions/publish-mission';
import { parisToday } from '../src/features/missions/rules';
import { createUser, randomRna, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

/** A date `days` from today, far enough from midnight that Paris and UTC agree on it. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const missionBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Animer des ateliers numériques',
  description: 'Aider les habitants du quartier à faire leurs démarches en ligne, deux après-midis par mois.',
  domainCode: 'inclusion-numerique',
  skills: [
    { code: 'accompagnement-numerique', level: 3, required: true },
    { code: 'demarches-en-ligne', level: 2, required: false },
  ],
  communeCode: '69123',
  mode: 'onsite',
  startDate: inDays(10),
  endDate: inDays(60),
  hoursTotal: 24,
  seats: 2,
  ...overrides,
});

describe('missions', () => {
  let t: TestApp;
  let admin: TestUser;
  let postier: TestUser;

  /** An association member, the association written straight to the database (its routes are someone else's). */
  async function member(labelStatus: 'labelled' | 'pending' = 'labelled') {
    const user = await createUser(t.app, 'association');
    const [association] = await t.database.db
      .insert(schema.associations)
      .values({
        name: `Les Amis du Quartier ${randomUUID().slice(0, 6)}`,
        rna: randomRna(),
        communeCode: '69123',
        labelStatus,
      })
      .returning({ id: schema.associations.id });
    if (!association) throw new Error('association insert failed');
    await t.database.db
      .insert(schema.associationMembers)
      .values({ associationId: association.id, userId: user.id });
    return { ...user, associationId: association.id };
  }

  async function createDraft(owner: TestUser, overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/missions',
      headers: owner.auth,
      payload: missionBody(overrides),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }

  async function publishedMission(owner: TestUser, overrides: Record<string, unknown> = {}): Promise<string> {
    const id = await createDraft(owner, overrides);
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${id}/publish`,
      headers: owner.auth,
    });
    expect(published.statusCode, published.body).toBe(200);
    return id;
  }

  const outboxRows = (eventType: string, missionId: string) =>
    t.database.db
      .select()
      .from(schema.outbox)
      .where(
        and(
          eq(schema.outbox.eventType, eventType),
          sql`${schema.outbox.payload}->>'missionId' = ${missionId}`,
        ),
      );

  const missionRow = async (id: string) => {
    const [row] = await t.database.db.select().from(schema.missions).where(eq(schema.missions.id, id));
    if (!row) throw new Error(`mission ${id} not found`);
    return row;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUser(t.app, 'admin');
    postier = await createUser(t.app, 'postier');
  });
  afterAll(() => t.close());

  it('journey: a draft cannot be published before the label, then is, and shows up publicly', async () => {
    const owner = await member('pending');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/missions',
      headers: owner.auth,
      payload: missionBody(),
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({
      status: 'draft',
      title: 'Animer des ateliers numériques',
      domain: { code: 'inclusion-numerique', label: expect.any(String) },
      association: { id: owner.associationId },
      commune: {
        code: '69123',
        name: 'Lyon',
        departement: { code: '69', name: 'Rhône' },
        region: { code: '84' },
      },
      seats: 2,
      seatsTaken: 0,
      publishedAt: null,
    });
    expect(draft.commune.region.name).toContain('Auvergne');
    expect(draft.skills).toEqual([
      { code: 'accompagnement-numerique', label: expect.any(String), level: 3, required: true },
      { code: 'demarches-en-ligne', label: expect.any(String), level: 2, required: false },
    ]);
    // Drafts are private: nobody is told about them.
    expect(await outboxRows('mission.published', draft.id)).toHaveLength(0);

    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${draft.id}/publish`,
      headers: owner.auth,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'ASSOCIATION_NOT_LABELLED', status: 409 });
    expect(refused.json().detail).toMatch(/labelled/);
    expect((await missionRow(draft.id)).status).toBe('draft');

    // A draft: its members and admins see it, nobody else.
    expect((await t.app.inject({ url: `/api/v1/missions/${draft.id}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/missions/${draft.id}`, headers: postier.auth })).statusCode,
    ).toBe(404);
    const stranger = await member();
    expect(
      (await t.app.inject({ url: `/api/v1/missions/${draft.id}`, headers: stranger.auth })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/missions/${draft.id}`, headers: owner.auth })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ url: `/api/v1/missions/${draft.id}`, headers: admin.auth })).statusCode,
    ).toBe(200);
    const hidden = await t.app.inject({ url: '/api/v1/missions?q=ateliers' });
    expect(hidden.json().items.map((m: { id: string }) => m.id)).not.toContain(draft.id);

    // The label is granted (the admin routes are someone else's: straight to the database).
    await t.database.db
      .update(schema.associations)
      .set({ labelStatus: 'labelled' })
      .where(eq(schema.associations.id, owner.associationId));
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${draft.id}/publish`,
      headers: owner.auth,
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      id: draft.id,
      status: 'published',
      publishedAt: expect.any(String),
    });
    const events = await outboxRows('mission.published', draft.id);
    expect(events.map((e) => e.payload)).toEqual([{ missionId: draft.id }]);

    const anonymous = await t.app.inject({ url: `/api/v1/missions/${draft.id}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().association.name).toMatch(/^Les Amis du Quartier/);
    const listed = await t.app.inject({ url: '/api/v1/missions?q=ateliers numeriques' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((m: { id: string }) => m.id)).toContain(draft.id);

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${draft.id}/publish`,
      headers: owner.auth,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('MISSION_NOT_PUBLISHABLE');
  });

  it('checks who may write a mission', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/missions', payload: missionBody() })).statusCode,
    ).toBe(401);
    const asPostier = await t.app.inject({
      method: 'POST',
      url: '/api/v1/missions',
      headers: postier.auth,
      payload: missionBody(),
    });
    expect(asPostier.statusCode).toBe(403);
    const loner = await createUser(t.app, 'association');
    const noAssociation = await t.app.inject({
      method: 'POST',
      url: '/api/v1/missions',
      headers: loner.auth,
      payload: missionBody(),
    });
    expect(noAssociation.statusCode).toBe(409);
    expect(noAssociation.json().code).toBe('ASSOCIATION_REQUIRED');
    const badToken = await t.app.inject({
      url: `/api/v1/missions/${randomUUID()}`,
      headers: { authorization: 'Bearer nope' },
    });
    expect(badToken.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/missions/not-a-uuid' })).statusCode).toBe(400);
  });

  it('names the field at fault: 400 for shapes, 422 for references and dates', async () => {
    const owner = await member();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ title: 'Bof' }, 400, 'body.title'],
      [{ description: 'Trop court' }, 400, 'body.description'],
      [{ skills: [] }, 400, 'body.skills'],
      [
        {
          skills: [
            { code: 'tableur', level: 2, required: true },
            { code: 'tableur', level: 3, required: false },
          ],
        },
        400,
        'body.skills.1.code',
      ],
      [{ skills: [{ code: 'tableur', level: 5, required: true }] }, 400, 'body.skills.0.level'],
      [
        { skills: Array.from({ length: 16 }, (_, i) => ({ code: `skill-${i}`, level: 1, required: true })) },
        400,
        'body.skills',
      ],
      [{ mode: 'partout' }, 400, 'body.mode'],
      [{ startDate: '2026-13-01' }, 400, 'body.startDate'],
      [{ hoursTotal: 0 }, 400, 'body.hoursTotal'],
      [{ hoursTotal: 2001 }, 400, 'body.hoursTotal'],
      [{ seats: 501 }, 400, 'body.seats'],
      [{ communeCode: '123' }, 400, 'body.communeCode'],
      [{ isAdmin: true }, 400, 'body.isAdmin'],
      [{ domainCode: 'astrologie' }, 422, 'body.domainCode'],
      [{ skills: [{ code: 'jonglage-quantique', level: 2, required: true }] }, 422, 'body.skills.0.code'],
      [{ communeCode: '99999' }, 422, 'body.communeCode'],
      [{ communeCode: null }, 422, 'body.communeCode'],
      [{ startDate: inDays(30), endDate: inDays(20) }, 422, 'body.endDate'],
      [{ startDate: inDays(-30), endDate: inDays(-2) }, 422, 'body.endDate'],
    ];
    for (const [overrides, status, field] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/missions',
        headers: owner.auth,
        payload: missionBody(overrides),
      });
      expect(response.statusCode, `${JSON.stringify(overrides)} → ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }

    // A remote mission needs no commune; the skill level defaults to required.
    const remote = await t.app.inject({
      method: 'POST',
      url: '/api/v1/missions',
      headers: owner.auth,
      payload: missionBody({
        mode: 'remote',
        communeCode: undefined,
        skills: [{ code: 'tableur', level: 2 }],
      }),
    });
    expect(remote.statusCode).toBe(201);
    expect(remote.json()).toMatchObject({
      mode: 'remote',
      commune: null,
      skills: [{ code: 'tableur', required: true }],
    });
  });

  it('lets members edit their drafts freely and their published missions with an announcement', async () => {
    const owner = await member();
    const id = await createDraft(owner);

    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/missions/${id}`,
      headers: owner.auth,
      payload: {
        title: 'Tenir la comptabilité de la recyclerie',
        skills: [{ code: 'comptabilite-associative', level: 2, required: true }],
      },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      title: 'Tenir la comptabilité de la recyclerie',
      skills: [{ code: 'comptabilite-associative' }],
    });
    expect(await outboxRows('mission.updated', id)).toHaveLength(0);

    // Judged against the stored start date.
    const backwards = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/missions/${id}`,
      headers: owner.auth,
      payload: { endDate: inDays(5) },
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0].field).toBe('body.endDate');
    const onsiteWithoutCommune = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/missions/${id}`,
      headers: owner.auth,
      payload: { communeCode: null },
    });
    expect(onsiteWithoutCommune.statusCode).toBe(422);
    const empty = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/missions/${id}`,
      headers: owner.auth,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const unknownField = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/missions/${id}`,
      headers: owner.auth,
      payload: { status: 'published' },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().errors[0].field).toBe('body.status');

    const stranger = await member();
    const foreign = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/missions/${id}`,
      headers: stranger.auth,
      payload: { seats: 3 },
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/missions/${id}/publish`, headers: stranger.auth }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/missions/${id}/close`, headers: stranger.auth }))
        .statusCode,
    ).toBe(404);

    await t.app.inject({ method: 'POST', url: `/api/v1/missions/${id}/publish`, headers: owner.auth });
    const live = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/missions/${id}`,
      headers: owner.auth,
      payload: { description: 'Saisir les recettes de la recyclerie solidaire et préparer le bilan annuel.' },
    });
    expect(live.statusCode).toBe(200);
    expect(live.json().status).toBe('published');
    expect((await outboxRows('mission.updated', id)).map((e) => e.payload)).toEqual([{ missionId: id }]);
    // The search vector follows the edit (kept by the trigger).
    const found = await t.app.inject({ url: '/api/v1/missions?q=recyclerie bilan' });
    expect(found.json().items.map((m: { id: string }) => m.id)).toContain(id);
  });

  it('closes a mission: still readable, no longer listed, no longer editable', async () => {
    const owner = await member();
    const id = await publishedMission(owner, { title: 'Trier les dons de vêtements' });
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${id}/close`,
      headers: owner.auth,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect((await outboxRows('mission.closed', id)).map((e) => e.payload)).toEqual([{ missionId: id }]);

    const readable = await t.app.inject({ url: `/api/v1/missions/${id}` });
    expect(readable.statusCode).toBe(200);
    expect(readable.json().status).toBe('closed');
    const listed = await t.app.inject({ url: '/api/v1/missions?q=dons vetements' });
    expect(listed.json().items.map((m: { id: string }) => m.id)).not.toContain(id);

    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/missions/${id}`,
      headers: owner.auth,
      payload: { seats: 4 },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('MISSION_CLOSED');
    const twice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${id}/close`,
      headers: owner.auth,
    });
    expect(twice.statusCode).toBe(409);
    const publish = await t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${id}/publish`,
      headers: owner.auth,
    });
    expect(publish.statusCode).toBe(409);

    // A draft closed without ever being published stays private.
    const abandoned = await createDraft(owner);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/missions/${abandoned}/close`,
          headers: owner.auth,
        })
      ).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/missions/${abandoned}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/missions/${abandoned}`, headers: owner.auth })).json().status,
    ).toBe('closed');

    // Admins moderate: they close any association's mission; a postier closes none.
    const other = await publishedMission(await member());
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/missions/${other}/close`, headers: postier.auth }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/missions/${other}/close`, headers: admin.auth }))
        .statusCode,
    ).toBe(200);
  });

  it('writes state and outbox event together or not at all', async () => {
    const owner = await member();
    const id = await createDraft(owner);
    // A failure injected right after the state write, inside the transaction: the outbox insert fails.
    await t.database.db.execute(sql`
      create or replace function test_fail_outbox() returns trigger as $$
      begin raise exception 'injected failure'; end $$ language plpgsql`);
    await t.database.db.execute(sql`
      create trigger test_fail_outbox before insert on outbox for each row
      when (new.event_type in ('mission.published', 'mission.closed')) execute function test_fail_outbox()`);
    try {
      const publish = await t.app.inject({
        method: 'POST',
        url: `/api/v1/missions/${id}/publish`,
        headers: owner.auth,
      });
      expect(publish.statusCode).toBe(500);
      expect(publish.json().detail).not.toContain('injected');
      expect((await missionRow(id)).status).toBe('draft');
      expect((await missionRow(id)).publishedAt).toBeNull();
      expect(await outboxRows('mission.published', id)).toHaveLength(0);

      const close = await t.app.inject({
        method: 'POST',
        url: `/api/v1/missions/${id}/close`,
        headers: owner.auth,
      });
      expect(close.statusCode).toBe(500);
      expect((await missionRow(id)).status).toBe('draft');
    } finally {
      await t.database.db.execute(sql`drop trigger test_fail_outbox on outbox`);
    }

    // The verb joins the caller's transaction: the caller failing afterwards undoes both writes.
    await expect(
      t.database.db.transaction(async (tx) => {
        await publishMission(tx, {
          actor: { userId: owner.id, role: 'association' },
          missionId: id,
          today: parisToday(),
        });
        expect((await tx.select().from(schema.missions).where(eq(schema.missions.id, id)))[0]?.status).toBe(
          'published',
        );
        throw new Error('injected after the verb');
      }),
    ).rejects.toThrow('injected after the verb');
    expect((await missionRow(id)).status).toBe('draft');
    expect(await outboxRows('mission.published', id)).toHaveLength(0);
  });

  it('closes expired live missions once, each announced, in one job run', async () => {
    const owner = await member();
    const ended = await publishedMission(owner);
    const filled = await publishedMission(owner);
    const endsToday = await publishedMission(owner);
    const draft = await createDraft(owner);
    const today = inDays(30);
    // Time passes: the end dates are moved instead of the clock.
    await t.database.db
      .update(schema.missions)
      .set({ endDate: inDays(29) })
      .where(eq(schema.missions.id, ended));
    await t.database.db
      .update(schema.missions)
      .set({ endDate: inDays(20), status: 'filled' })
      .where(eq(schema.missions.id, filled));
    await t.database.db
      .update(schema.missions)
      .set({ endDate: today })
      .where(eq(schema.missions.id, endsToday));
    await t.database.db
      .update(schema.missions)
      .set({ endDate: inDays(15) })
      .where(eq(schema.missions.id, draft));

    const closed = await closeExpiredMissions(t.database.db, today);
    expect(closed).toEqual(expect.arrayContaining([ended, filled]));
    expect(closed).not.toContain(endsToday);
    expect(closed).not.toContain(draft);
    for (const id of [ended, filled]) {
      expect(await missionRow(id)).toMatchObject({ status: 'closed', closedAt: expect.any(Date) });
      expect((await outboxRows('mission.closed', id)).map((e) => e.payload)).toEqual([{ missionId: id }]);
    }
    expect((await missionRow(endsToday)).status).toBe('published');
    expect((await missionRow(draft)).status).toBe('draft');

    // Idempotent: nothing more to close, nothing announced twice.
    expect(await closeExpiredMissions(t.database.db, today)).toEqual([]);
    expect(await outboxRows('mission.closed', ended)).toHaveLength(1);
    await expect(closeExpiredMissions(t.database.db, 'demain')).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('documents the mission routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/missions',
      '/api/v1/missions/{id}',
      '/api/v1/missions/{id}/publish',
      '/api/v1/missions/{id}/close',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/missions'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.paths['/api/v1/missions/{id}/publish'].post.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '404', '409']),
    );
  });
});
