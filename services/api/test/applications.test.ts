import { randomUUID } from 'node:crypto';
import { schema } from '@passerelle/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, randomRna, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const MOTIVATION = 'Je suis facteur à Lyon et j’anime déjà des ateliers numériques dans mon bureau de poste.';

interface Member extends TestUser {
  associationId: string;
}

describe('applications', () => {
  let t: TestApp;
  let owner: Member;

  async function member(): Promise<Member> {
    const user = await createUser(t.app, 'association');
    const [association] = await t.database.db
      .insert(schema.associations)
      .values({
        name: `Solidarités ${randomUUID().slice(0, 6)}`,
        rna: randomRna(),
        communeCode: '69123',
        labelStatus: 'labelled',
      })
      .returning({ id: schema.associations.id });
    if (!association) throw new Error('association insert failed');
    await t.database.db
      .insert(schema.associationMembers)
      .values({ associationId: association.id, userId: user.id });
    return { ...user, associationId: association.id };
  }

  async function mission(by: Member, fields: { seats?: number; publish?: boolean } = {}): Promise<string> {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/missions',
      headers: by.auth,
      payload: {
        title: 'Accompagner les démarches en ligne',
        description: 'Tenir une permanence numérique le mardi matin au centre social du quartier.',
        domainCode: 'inclusion-numerique',
        skills: [{ code: 'demarches-en-ligne', level: 2, required: true }],
        communeCode: '69123',
        mode: 'onsite',
        startDate: inDays(10),
        endDate: inDays(60),
        hoursTotal: 12,
        seats: fields.seats ?? 2,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().id;
    if (fields.publish !== false) {
      const published = await t.app.inject({
        method: 'POST',
        url: `/api/v1/missions/${id}/publish`,
        headers: by.auth,
      });
      expect(published.statusCode, published.body).toBe(200);
    }
    return id;
  }

  const apply = (missionId: string, postier: TestUser, motivation = MOTIVATION) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${missionId}/applications`,
      headers: postier.auth,
      payload: { motivation },
    });

  async function applied(missionId: string, postier: TestUser): Promise<string> {
    const response = await apply(missionId, postier);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }

  const act = (
    applicationId: string,
    action: 'accept' | 'decline' | 'withdraw',
    user: TestUser,
    payload?: object,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${applicationId}/${action}`,
      headers: user.auth,
      ...(payload ? { payload } : {}),
    });

  const missionStatus = async (id: string) =>
    (
      await t.database.db
        .select({ status: schema.missions.status })
        .from(schema.missions)
        .where(eq(schema.missions.id, id))
    )[0]?.status;

  const events = (eventType: string, key: 'applicationId' | 'missionId', id: string) =>
    t.database.db
      .select({ payload: schema.outbox.payload })
      .from(schema.outbox)
      .where(and(eq(schema.outbox.eventType, eventType), sql`${schema.outbox.payload}->>${key} = ${id}`));

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await member();
  });
  afterAll(() => t.close());

  it('journey: a postier applies once; the association sees who applied; accepting the last seat fills the mission', async () => {
    const missionId = await mission(owner, { seats: 2 });
    const camille = await createUser(t.app, 'postier', { firstName: 'Camille', lastName: 'Martin' });
    const response = await apply(missionId, camille);
    expect(response.statusCode).toBe(201);
    const application = response.json();
    expect(application).toMatchObject({
      missionId,
      status: 'submitted',
      hrStatus: null,
      motivation: MOTIVATION,
    });
    expect(
      (await events('application.submitted', 'applicationId', application.id)).map((e) => e.payload),
    ).toEqual([{ applicationId: application.id }]);

    const twice = await apply(missionId, camille);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ALREADY_APPLIED');

    // The association sees the applicant's identity, only now that they applied.
    const listed = await t.app.inject({
      url: `/api/v1/missions/${missionId}/applications`,
      headers: owner.auth,
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({
      total: 1,
      nextCursor: null,
      items: [
        {
          id: application.id,
          status: 'submitted',
          hrStatus: null,
          motivation: MOTIVATION,
          applicant: { id: camille.id, firstName: 'Camille', lastName: 'Martin', email: camille.email },
        },
      ],
    });

    const accepted = await act(application.id, 'accept', owner);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      hrStatus: 'pending',
      decidedAt: expect.any(String),
    });
    expect(await events('application.accepted', 'applicationId', application.id)).toHaveLength(1);
    const [decided] = await t.database.db
      .select()
      .from(schema.applications)
      .where(eq(schema.applications.id, application.id));
    expect(decided?.decidedBy).toBe(owner.id);
    expect(await missionStatus(missionId)).toBe('published');
    expect((await act(application.id, 'accept', owner)).statusCode).toBe(409);

    const dominique = await createUser(t.app, 'postier');
    const second = await applied(missionId, dominique);
    expect((await act(second, 'accept', owner)).statusCode).toBe(200);
    expect(await missionStatus(missionId)).toBe('filled');
    expect((await events('mission.filled', 'missionId', missionId)).map((e) => e.payload)).toEqual([
      { missionId },
    ]);
    const page = await t.app.inject({ url: `/api/v1/missions/${missionId}` });
    expect(page.json()).toMatchObject({ status: 'filled', seats: 2, seatsTaken: 2 });

    // Filled: no new application; nor a new acceptance.
    const late = await createUser(t.app, 'postier');
    const refused = await apply(missionId, late);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('MISSION_NOT_OPEN');

    // Withdrawing an accepted application frees its seat: the mission is open again.
    const withdrawn = await act(application.id, 'withdraw', camille);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect(await events('application.withdrawn', 'applicationId', application.id)).toHaveLength(1);
    expect(await missionStatus(missionId)).toBe('published');
    expect((await t.app.inject({ url: `/api/v1/missions/${missionId}` })).json().seatsTaken).toBe(1);
    expect((await apply(missionId, late)).statusCode).toBe(201);
    expect((await act(application.id, 'withdraw', camille)).statusCode).toBe(409);
    // A withdrawn application still counts as the postier's answer to this mission.
    expect((await apply(missionId, camille)).json().code).toBe('ALREADY_APPLIED');
  });

  it('checks roles, ownership and input', async () => {
    const missionId = await mission(owner);
    const postier = await createUser(t.app, 'postier');
    const stranger = await member();

    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/missions/${missionId}/applications`,
          payload: { motivation: MOTIVATION },
        })
      ).statusCode,
    ).toBe(401);
    expect((await apply(missionId, owner)).statusCode).toBe(403);
    const short = await apply(missionId, postier, 'Motivé !');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('body.motivation');
    const extra = await t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${missionId}/applications`,
      headers: postier.auth,
      payload: { motivation: MOTIVATION, status: 'accepted' },
    });
    expect(extra.statusCode).toBe(400);
    expect((await apply(randomUUID(), postier)).statusCode).toBe(404);
    // A draft does not exist for a postier.
    const draft = await mission(owner, { publish: false });
    expect((await apply(draft, postier)).statusCode).toBe(404);

    const id = await applied(missionId, postier);
    // Another association: the mission and its applications are none of theirs.
    expect(
      (await t.app.inject({ url: `/api/v1/missions/${missionId}/applications`, headers: stranger.auth }))
        .statusCode,
    ).toBe(404);
    expect((await act(id, 'accept', stranger)).statusCode).toBe(404);
    expect((await act(id, 'decline', stranger, { reason: 'Pas pour nous' })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/missions/${missionId}/applications`, headers: postier.auth }))
        .statusCode,
    ).toBe(403);
    expect((await act(id, 'accept', postier)).statusCode).toBe(403);
    // Another postier cannot withdraw it.
    expect((await act(id, 'withdraw', await createUser(t.app, 'postier'))).statusCode).toBe(404);
    expect((await act(id, 'withdraw', owner)).statusCode).toBe(403);
    expect((await act(randomUUID(), 'accept', owner)).statusCode).toBe(404);
  });

  it('declines with a reason; a declined application can be neither accepted nor withdrawn', async () => {
    const missionId = await mission(owner);
    const postier = await createUser(t.app, 'postier');
    const id = await applied(missionId, postier);

    const noReason = await act(id, 'decline', owner, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('body.reason');
    expect((await act(id, 'decline', owner, { reason: 'no' })).statusCode).toBe(400);

    const declined = await act(id, 'decline', owner, {
      reason: 'La mission demande une présence le mardi matin.',
    });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({
      status: 'declined',
      decisionReason: 'La mission demande une présence le mardi matin.',
    });
    expect((await events('application.declined', 'applicationId', id)).map((e) => e.payload)).toEqual([
      { applicationId: id },
    ]);
    const accept = await act(id, 'accept', owner);
    expect(accept.statusCode).toBe(409);
    expect(accept.json().code).toBe('APPLICATION_TRANSITION_REFUSED');
    expect((await act(id, 'withdraw', postier)).statusCode).toBe(409);
    expect((await act(id, 'decline', owner, { reason: 'Encore une fois' })).statusCode).toBe(409);
  });

  it('closing a mission stops applications and acceptances', async () => {
    const missionId = await mission(owner);
    const early = await createUser(t.app, 'postier');
    const pending = await applied(missionId, early);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/missions/${missionId}/close`,
          headers: owner.auth,
        })
      ).statusCode,
    ).toBe(200);

    const late = await apply(missionId, await createUser(t.app, 'postier'));
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'MISSION_NOT_OPEN', detail: 'This mission is closed' });
    const accept = await act(pending, 'accept', owner);
    expect(accept.statusCode).toBe(409);
    expect(accept.json().code).toBe('MISSION_NOT_OPEN');
    // The postier can still take their application back.
    expect((await act(pending, 'withdraw', early)).statusCode).toBe(200);
    expect(await missionStatus(missionId)).toBe('closed');
  });

  it('keeps the seats honest when the mission is edited', async () => {
    const missionId = await mission(owner, { seats: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push(await applied(missionId, await createUser(t.app, 'postier')));
    for (const id of ids) expect((await act(id, 'accept', owner)).statusCode).toBe(200);
    expect(await missionStatus(missionId)).toBe('filled');

    const below = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/missions/${missionId}`,
      headers: owner.auth,
      payload: { seats: 1 },
    });
    expect(below.statusCode).toBe(422);
    expect(below.json()).toMatchObject({ code: 'SEATS_BELOW_ACCEPTED', errors: [{ field: 'body.seats' }] });
    const more = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/missions/${missionId}`,
      headers: owner.auth,
      payload: { seats: 3 },
    });
    expect(more.statusCode).toBe(200);
    expect(more.json()).toMatchObject({ status: 'published', seats: 3, seatsTaken: 2 });
    const third = await applied(missionId, await createUser(t.app, 'postier'));
    expect((await act(third, 'accept', owner)).statusCode).toBe(200);
    expect(await missionStatus(missionId)).toBe('filled');
    expect(await events('mission.filled', 'missionId', missionId)).toHaveLength(2);
  });

  it('never accepts more participants than seats, even when accepts race', async () => {
    for (const seats of [1, 3]) {
      const missionId = await mission(owner, { seats });
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await applied(missionId, await createUser(t.app, 'postier')));
      const secondMember = await createUser(t.app, 'association');
      await t.database.db
        .insert(schema.associationMembers)
        .values({ associationId: owner.associationId, userId: secondMember.id });
      // Two members of the association click "accept" on every application at once.
      const results = await Promise.all(
        ids.map((id, i) => act(id, 'accept', i % 2 === 0 ? owner : secondMember)),
      );
      const statuses = results.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(seats);
      expect(statuses.filter((s) => s === 409)).toHaveLength(ids.length - seats);
      const accepted = await t.database.db
        .select({ id: schema.applications.id })
        .from(schema.applications)
        .where(and(eq(schema.applications.missionId, missionId), eq(schema.applications.status, 'accepted')));
      expect(accepted).toHaveLength(seats);
      expect(await missionStatus(missionId)).toBe('filled');
      expect(await events('mission.filled', 'missionId', missionId)).toHaveLength(1);
    }
  });

  it('lists the postier’s own applications, newest first, page by page', async () => {
    const postier = await createUser(t.app, 'postier');
    const other = await createUser(t.app, 'postier');
    const missions: string[] = [];
    for (let i = 0; i < 3; i++) missions.push(await mission(owner));
    const mine: string[] = [];
    for (const missionId of missions) mine.push(await applied(missionId, postier));
    await applied(missions[0] ?? '', other);
    const first = mine[0] ?? '';
    await act(first, 'accept', owner);

    const page1 = await t.app.inject({
      url: '/api/v1/me/applications',
      query: { limit: '2' },
      headers: postier.auth,
    });
    expect(page1.statusCode).toBe(200);
    expect(page1.json().total).toBe(3);
    expect(page1.json().items.map((a: { id: string }) => a.id)).toEqual([mine[2], mine[1]]);
    const page2 = await t.app.inject({
      url: '/api/v1/me/applications',
      query: { limit: '2', cursor: page1.json().nextCursor },
      headers: postier.auth,
    });
    expect(page2.json()).toMatchObject({
      nextCursor: null,
      items: [
        {
          id: first,
          status: 'accepted',
          hrStatus: 'pending',
          mission: { id: missions[0], title: 'Accompagner les démarches en ligne', status: 'published' },
          association: { id: owner.associationId, name: expect.stringMatching(/^Solidarités/) },
        },
      ],
    });
    const accepted = await t.app.inject({
      url: '/api/v1/me/applications',
      query: { status: 'accepted' },
      headers: postier.auth,
    });
    expect(accepted.json().items.map((a: { id: string }) => a.id)).toEqual([first]);
    expect((await t.app.inject({ url: '/api/v1/me/applications', headers: owner.auth })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: '/api/v1/me/applications' })).statusCode).toBe(401);

    // The association's list pages too, first come first.
    const applicants = await t.app.inject({
      url: `/api/v1/missions/${missions[0]}/applications`,
      query: { limit: '1' },
      headers: owner.auth,
    });
    expect(applicants.json().total).toBe(2);
    expect(applicants.json().items[0].id).toBe(first);
    const next = await t.app.inject({
      url: `/api/v1/missions/${missions[0]}/applications`,
      query: { limit: '1', cursor: applicants.json().nextCursor },
      headers: owner.auth,
    });
    expect(next.json().items[0].applicant.id).toBe(other.id);
    expect(next.json().nextCursor).toBeNull();
  });

  it('writes the decision and its events together or not at all', async () => {
    const missionId = await mission(owner, { seats: 1 });
    const postier = await createUser(t.app, 'postier');
    const id = await applied(missionId, postier);
    await t.database.db.execute(sql`
      create or replace function test_fail_outbox() returns trigger as $$
      begin raise exception 'injected failure'; end $$ language plpgsql`);
    // Fails the last write of the accept (mission.filled), after the application and mission changed.
    await t.database.db.execute(sql`
      create trigger test_fail_outbox before insert on outbox for each row
      when (new.event_type = 'mission.filled') execute function test_fail_outbox()`);
    try {
      const accept = await act(id, 'accept', owner);
      expect(accept.statusCode).toBe(500);
    } finally {
      await t.database.db.execute(sql`drop trigger test_fail_outbox on outbox`);
    }
    const [row] = await t.database.db
      .select()
      .from(schema.applications)
      .where(eq(schema.applications.id, id));
    expect(row).toMatchObject({ status: 'submitted', hrStatus: null, decidedAt: null });
    expect(await missionStatus(missionId)).toBe('published');
    expect(await events('application.accepted', 'applicationId', id)).toHaveLength(0);
    expect(await events('mission.filled', 'missionId', missionId)).toHaveLength(0);

    expect((await act(id, 'accept', owner)).statusCode).toBe(200);
    expect(await missionStatus(missionId)).toBe('filled');
  });
});
