import { randomUUID } from 'node:crypto';
import { schema } from '@passerelle/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisToday } from '../src/features/missions/rules';
import { createUser, randomRna, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

const LYON = '69123'; // Auvergne-Rhône-Alpes (84)

function shift(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Entry {
  id: string;
  date: string;
  hours: number;
  note: string;
  status: string;
  createdAt: string;
  mission: { id: string; title: string };
  postier: Record<string, string>;
}

interface EntryPage {
  items: Entry[];
  nextCursor: string | null;
  total: number;
}

describe('GET /associations/:id/time-entries', () => {
  let t: TestApp;
  let member: TestUser;
  let colleague: TestUser;
  let otherMember: TestUser;
  let unaffiliated: TestUser;
  let hr: TestUser;
  let admin: TestUser;
  let postier: TestUser;
  let associationId: string;
  let otherAssociationId: string;
  let missionId: string;
  const today = parisToday();
  /** The entries logged on the association's mission, in the order they were logged. */
  const logged: string[] = [];

  const post = (user: TestUser, url: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: user.auth,
      ...(payload ? { payload } : {}),
    });
  const get = (user: TestUser | undefined, url: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: user ? user.auth : {} });
  const list = async (user: TestUser, query = '', id = associationId): Promise<EntryPage> => {
    const res = await get(user, `/associations/${id}/time-entries${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  async function newAssociation(user: TestUser): Promise<string> {
    const [association] = await t.database.db
      .insert(schema.associations)
      .values({
        name: `Entraide ${randomUUID().slice(0, 6)}`,
        rna: randomRna(),
        communeCode: LYON,
        labelStatus: 'labelled',
      })
      .returning({ id: schema.associations.id });
    if (!association) throw new Error('association insert failed');
    await t.database.db
      .insert(schema.associationMembers)
      .values({ associationId: association.id, userId: user.id });
    return association.id;
  }

  async function newMission(ownerId: string, title: string): Promise<string> {
    const [domain] = await t.database.db.select({ code: schema.domains.code }).from(schema.domains).limit(1);
    if (!domain) throw new Error('no domain');
    const [mission] = await t.database.db
      .insert(schema.missions)
      .values({
        associationId: ownerId,
        title,
        description: 'Aider les habitants du quartier dans leurs démarches.',
        domainCode: domain.code,
        communeCode: LYON,
        mode: 'onsite',
        startDate: shift(today, -20),
        endDate: shift(today, 30),
        hoursTotal: 40,
        seats: 3,
        status: 'published',
        publishedAt: new Date(),
      })
      .returning({ id: schema.missions.id });
    if (!mission) throw new Error('mission insert failed');
    return mission.id;
  }

  /** The whole path: apply → the association accepts → HR of the scope approves. */
  async function approvedParticipation(who: TestUser, mission: string, owner: TestUser): Promise<string> {
    const applied = await post(who, `/missions/${mission}/applications`, {
      motivation: 'J’ai envie de donner de mon temps à cette mission.',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const applicationId: string = applied.json().id;
    expect((await post(owner, `/applications/${applicationId}/accept`)).statusCode).toBe(200);
    const approved = await post(hr, `/applications/${applicationId}/hr-decision`, { decision: 'approved' });
    expect(approved.statusCode, approved.body).toBe(200);
    return applicationId;
  }

  async function logHours(who: TestUser, applicationId: string, date: string, hours: number, note = '') {
    const res = await post(who, `/applications/${applicationId}/time-entries`, { date, hours, note });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    admin = await createUser(t.app, 'admin');
    hr = await createUser(t.app, 'hr');
    postier = await createUser(t.app, 'postier', { firstName: 'Lucie', lastName: 'Martin' });
    const otherPostier = await createUser(t.app, 'postier', { firstName: 'Karim', lastName: 'Benali' });
    member = await createUser(t.app, 'association');
    colleague = await createUser(t.app, 'association');
    otherMember = await createUser(t.app, 'association');
    unaffiliated = await createUser(t.app, 'association');
    associationId = await newAssociation(member);
    await db.insert(schema.associationMembers).values({ associationId, userId: colleague.id });
    otherAssociationId = await newAssociation(otherMember);
    await db.insert(schema.hrScopes).values({ userId: hr.id, regionCode: '84' });
    for (const p of [postier, otherPostier]) {
      await db
        .update(schema.postierProfiles)
        .set({ communeCode: LYON, yearlyQuotaHours: 100 })
        .where(eq(schema.postierProfiles.userId, p.id));
    }

    missionId = await newMission(associationId, 'Ateliers numériques');
    const otherMissionId = await newMission(otherAssociationId, 'Collecte alimentaire');
    const mine = await approvedParticipation(postier, missionId, member);
    const theirs = await approvedParticipation(otherPostier, otherMissionId, otherMember);

    // Five entries on the association's mission, one on the other association's.
    for (let i = 0; i < 5; i++) {
      logged.push(await logHours(postier, mine, shift(today, -i), 1 + i * 0.25, `Séance ${i + 1}`));
    }
    await logHours(otherPostier, theirs, today, 2, 'Ailleurs');
  });
  afterAll(() => t.close());

  it('lists the hours logged on the association’s missions, oldest first, with mission and postier', async () => {
    const page = await list(member);
    expect(page.total).toBe(5);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((e) => e.id)).toEqual(logged);
    expect(page.items[0]).toEqual({
      id: logged[0],
      applicationId: expect.any(String),
      date: today,
      hours: 1,
      note: 'Séance 1',
      status: 'submitted',
      rejectionReason: null,
      confirmedAt: null,
      validatedAt: null,
      createdAt: expect.any(String),
      mission: { id: missionId, title: 'Ateliers numériques' },
      postier: { firstName: 'Lucie', lastName: 'Martin' },
    });
    // Names only: the association never gets the postier's account id or e-mail here.
    expect(Object.keys(page.items[0]?.postier ?? {})).toEqual(['firstName', 'lastName']);
    expect(JSON.stringify(page)).not.toContain(postier.email);
    expect(JSON.stringify(page)).not.toContain('Ailleurs');
    // Every member of the association sees the same list.
    expect((await list(colleague)).total).toBe(5);
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const first = await list(member, '?limit=2');
    expect(first.total).toBe(5);
    expect(first.items.map((e) => e.id)).toEqual(logged.slice(0, 2));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(member, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.id)).toEqual(logged.slice(2, 4));
    const third = await list(member, `?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((e) => e.id)).toEqual(logged.slice(4));
    expect(third.nextCursor).toBeNull();
    expect(third.total).toBe(5);

    const bad = await get(member, `/associations/${associationId}/time-entries?cursor=nope`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_CURSOR', errors: [{ field: 'query.cursor' }] });
  });

  it('filters by status, following confirm, dispute and HR validation', async () => {
    const [a, b, c] = logged;
    if (!a || !b || !c) throw new Error('entries missing');
    expect((await post(member, `/time-entries/${a}/confirm`)).statusCode).toBe(200);
    expect((await post(member, `/time-entries/${b}/confirm`)).statusCode).toBe(200);
    const disputed = await post(member, `/time-entries/${c}/dispute`, {
      reason: 'Atelier annulé ce jour-là',
    });
    expect(disputed.statusCode).toBe(200);
    expect((await post(hr, `/time-entries/${a}/validate`)).statusCode).toBe(200);

    const submitted = await list(member, '?status=submitted');
    expect(submitted.total).toBe(2);
    expect(submitted.items.map((e) => e.id)).toEqual(logged.slice(3));
    const confirmed = await list(member, '?status=confirmed');
    expect(confirmed.items.map((e) => e.id)).toEqual([b]);
    expect(confirmed.items[0]?.status).toBe('confirmed');
    const validated = await list(member, '?status=validated');
    expect(validated.items.map((e) => e.id)).toEqual([a]);
    const rejected = await list(member, '?status=rejected');
    expect(rejected.items).toEqual([
      expect.objectContaining({ id: c, status: 'rejected', rejectionReason: 'Atelier annulé ce jour-là' }),
    ]);
    expect((await list(member)).total).toBe(5);

    const unknown = await get(member, `/associations/${associationId}/time-entries?status=draft`);
    expect(unknown.statusCode).toBe(400);
  });

  it('is a 404 for another association, or a member without one; 403 to other roles; 401 anonymous', async () => {
    expect((await get(otherMember, `/associations/${associationId}/time-entries`)).statusCode).toBe(404);
    expect((await get(unaffiliated, `/associations/${associationId}/time-entries`)).statusCode).toBe(404);
    expect((await get(member, `/associations/${randomUUID()}/time-entries`)).statusCode).toBe(404);
    // The other association sees its own entry only.
    const theirs = await list(otherMember, '', otherAssociationId);
    expect(theirs.total).toBe(1);
    expect(theirs.items[0]).toMatchObject({ note: 'Ailleurs', postier: { firstName: 'Karim' } });

    for (const who of [postier, hr, admin]) {
      expect((await get(who, `/associations/${associationId}/time-entries`)).statusCode).toBe(403);
    }
    expect((await get(undefined, `/associations/${associationId}/time-entries`)).statusCode).toBe(401);
    expect((await get(member, '/associations/not-an-id/time-entries')).statusCode).toBe(400);
  });
});
