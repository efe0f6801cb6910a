import { randomUUID } from 'node:crypto';
import { schema } from '@passerelle/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, randomRna, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('matching API', () => {
  let t: TestApp;
  let admin: TestUser;

  async function member() {
    const user = await createUser(t.app, 'association');
    const [association] = await t.database.db
      .insert(schema.associations)
      .values({
        name: `Asso ${randomUUID().slice(0, 6)}`,
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

  async function mission(
    associationId: string,
    status: 'published' | 'closed' = 'published',
  ): Promise<string> {
    const [row] = await t.database.db
      .insert(schema.missions)
      .values({
        associationId,
        title: 'Tenir la comptabilité',
        description: "Aider l'association à tenir ses comptes deux après-midis par mois.",
        domainCode: 'inclusion-numerique',
        communeCode: '69123',
        mode: 'onsite',
        startDate: inDays(10),
        endDate: inDays(60),
        hoursTotal: 20,
        status,
        publishedAt: new Date(),
      })
      .returning({ id: schema.missions.id });
    if (!row) throw new Error('mission insert failed');
    return row.id;
  }

  async function postier(): Promise<TestUser> {
    const user = await createUser(t.app, 'postier', { firstName: 'Dominique' });
    await t.database.db
      .update(schema.postierProfiles)
      .set({ matchingOptIn: true })
      .where(eq(schema.postierProfiles.userId, user.id));
    return user;
  }

  async function match(missionId: string, postierId: string, rank: number, score: number) {
    await t.database.db.insert(schema.matches).values({
      missionId,
      postierId,
      rank,
      score,
      reasons: [
        { kind: 'skill_match', weight: 0.4, skillCode: 'comptabilite-generale', level: 3, required: true },
        { kind: 'distance', weight: 0.1, km: 3, radiusKm: 20 },
      ],
    });
  }

  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUser(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('recommends my matched missions best first, paginated, never applied or closed ones', async () => {
    const owner = await member();
    const me = await postier();
    const [a, b, c, applied, closed] = await Promise.all([
      mission(owner.associationId),
      mission(owner.associationId),
      mission(owner.associationId),
      mission(owner.associationId),
      mission(owner.associationId, 'closed'),
    ]);
    if (!a || !b || !c || !applied || !closed) throw new Error('missions');
    await match(a, me.id, 1, 0.7);
    await match(b, me.id, 3, 0.9);
    await match(c, me.id, 2, 0.7);
    await match(applied, me.id, 1, 0.95);
    await match(closed, me.id, 1, 0.99);
    await t.database.db.insert(schema.applications).values({
      missionId: applied,
      postierId: me.id,
      motivation: 'Je veux vraiment aider cette association.',
    });

    const first = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/recommendations?limit=2',
      headers: me.auth,
    });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.total).toBe(3);
    const ties = [a, c].sort();
    expect(page1.items.map((i: { mission: { id: string } }) => i.mission.id)).toEqual([b, ties[0]]);
    expect(page1.items[0].score).toBe(0.9);
    expect(page1.items[0].reasons[0]).toMatchObject({
      kind: 'skill_match',
      skillCode: 'comptabilite-generale',
    });
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/v1/me/recommendations?limit=2&cursor=${page1.nextCursor}`,
      headers: me.auth,
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().items.map((i: { mission: { id: string } }) => i.mission.id)).toEqual([ties[1]]);
    expect(second.json().nextCursor).toBeNull();

    const asMember = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/recommendations',
      headers: owner.auth,
    });
    expect(asMember.statusCode).toBe(403);
  });

  it('shows admins who matched, members only bands and anonymised reasons, others a 404', async () => {
    const owner = await member();
    const other = await member();
    const missionId = await mission(owner.associationId);
    const people = await Promise.all([postier(), postier(), postier(), postier()]);
    const scores = [0.85, 0.65, 0.45, 0.2];
    for (const [i, p] of people.entries()) await match(missionId, p.id, i + 1, scores[i] ?? 0);

    const asAdmin = await t.app.inject({
      method: 'GET',
      url: `/api/v1/missions/${missionId}/matches`,
      headers: admin.auth,
    });
    expect(asAdmin.statusCode, asAdmin.body).toBe(200);
    expect(asAdmin.json().items.map((i: { postier: { id: string } }) => i.postier.id)).toEqual(
      people.map((p) => p.id),
    );

    const asOwner = await t.app.inject({
      method: 'GET',
      url: `/api/v1/missions/${missionId}/matches`,
      headers: owner.auth,
    });
    expect(asOwner.statusCode, asOwner.body).toBe(200);
    const body = asOwner.json();
    expect(body.items).toBeUndefined();
    expect(body.total).toBe(4);
    expect(body.bands).toEqual([
      { band: '0.8-1', count: 1 },
      { band: '0.6-0.8', count: 1 },
      { band: '0.4-0.6', count: 1 },
      { band: '0-0.4', count: 1 },
    ]);
    expect(body.reasons).toEqual([
      { kind: 'distance', count: 4 },
      { kind: 'skill_match', count: 4 },
    ]);
    for (const p of people) {
      expect(asOwner.body).not.toContain(p.id);
      expect(asOwner.body).not.toContain(p.email);
    }

    const asOther = await t.app.inject({
      method: 'GET',
      url: `/api/v1/missions/${missionId}/matches`,
      headers: other.auth,
    });
    expect(asOther.statusCode).toBe(404);
    const asPostier = await t.app.inject({
      method: 'GET',
      url: `/api/v1/missions/${missionId}/matches`,
      headers: people[0]?.auth,
    });
    expect(asPostier.statusCode).toBe(403);
  });

  it('invites the best not yet invited, under the monthly cap, idempotently, without saying who', async () => {
    const owner = await member();
    const other = await member();
    const missionId = await mission(owner.associationId);
    const people = await Promise.all([postier(), postier(), postier(), postier()]);
    for (const [i, p] of people.entries()) await match(missionId, p.id, i + 1, 0.9 - i * 0.1);
    // The best one was already solicited 4 times this month: the default cap.
    const [capped, second, third, fourth] = people;
    if (!capped || !second || !third || !fourth) throw new Error('people');
    const elsewhere = await Promise.all([1, 2, 3, 4].map(() => mission(other.associationId)));
    await t.database.db
      .insert(schema.solicitations)
      .values(elsewhere.map((m) => ({ postierId: capped.id, missionId: m, kind: 'invitation' })));

    const invite = (count: number, who = owner) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/missions/${missionId}/invitations`,
        headers: who.auth,
        payload: { count },
      });

    const first = await invite(2);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ invited: 2 });
    const invitedRows = await t.database.db
      .select({ postierId: schema.matches.postierId, invitedAt: schema.matches.invitedAt })
      .from(schema.matches)
      .where(eq(schema.matches.missionId, missionId));
    const invited = invitedRows
      .filter((r) => r.invitedAt !== null)
      .map((r) => r.postierId)
      .sort();
    expect(invited).toEqual([second.id, third.id].sort());
    const events = await t.database.db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.eventType, 'invitation.sent'));
    expect(events.filter((e) => JSON.stringify(e.payload).includes(missionId))).toHaveLength(2);

    const again = await invite(50);
    expect(again.json()).toEqual({ invited: 1 });
    const third_ = await invite(50);
    expect(third_.json()).toEqual({ invited: 0 });
    const solicited = await t.database.db
      .select()
      .from(schema.solicitations)
      .where(and(eq(schema.solicitations.missionId, missionId), eq(schema.solicitations.kind, 'invitation')));
    expect(solicited.map((s) => s.postierId).sort()).toEqual([second.id, third.id, fourth.id].sort());

    expect((await invite(1, other)).statusCode).toBe(404);
    expect((await invite(51)).statusCode).toBe(400);
    expect((await invite(0)).statusCode).toBe(400);
  });
});
