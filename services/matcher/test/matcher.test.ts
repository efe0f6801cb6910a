import { schema, writeOutbox } from '@passerelle/db';
import {
  createWorker,
  producerConnection,
  QUEUES,
  type QueueName,
  workerConnection,
} from '@passerelle/queue';
import { createTestDatabase, type TestDatabase, testEnv } from '@passerelle/testkit';
import { Queue } from 'bullmq';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelay } from '../../notifier/src/relay';
import { createMatcher, MATCHING_JOB_NAMES } from '../src/matcher';
import {
  allSkills,
  COMMUNES,
  halfSkills,
  insertAssociation,
  insertMission,
  insertPostier,
  SKILLS,
  silent,
} from './fixtures';

describe('matcher', () => {
  let database: TestDatabase;
  let associationId: string;

  const matchesOf = (missionId: string) =>
    database.db
      .select()
      .from(schema.matches)
      .where(eq(schema.matches.missionId, missionId))
      .orderBy(asc(schema.matches.rank));

  const matcher = () => createMatcher({ db: database.db, logger: silent });

  beforeAll(async () => {
    database = await createTestDatabase();
    associationId = await insertAssociation(database.db);
  });
  afterAll(() => database.close());

  it('ranks every required skill in the commune above half of them, and writes matches.ready once', async () => {
    const full = await insertPostier(database.db, { skills: allSkills() });
    const half = await insertPostier(database.db, { skills: halfSkills() });
    const missionId = await insertMission(database.db, { associationId });
    const m = await matcher();
    const first = await m.matchMission(missionId, 4242);
    expect(first.announced).toBe(true);
    const rows = await matchesOf(missionId);
    const ids = rows.map((r) => r.postierId);
    expect(ids.indexOf(full)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(full)).toBeLessThan(ids.indexOf(half));
    const fullRow = rows.find((r) => r.postierId === full);
    expect(fullRow?.score).toBeGreaterThan(rows.find((r) => r.postierId === half)?.score ?? 1);
    expect(fullRow?.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'skill_match' })]),
    );
    expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));

    // Same job again (a retry): same rows, no second event.
    const again = await m.matchMission(missionId, 4242);
    expect(again.announced).toBe(false);
    const rerun = await matchesOf(missionId);
    expect(rerun.map((r) => [r.postierId, r.rank, r.score])).toEqual(
      rows.map((r) => [r.postierId, r.rank, r.score]),
    );
    const events = await database.db
      .select()
      .from(schema.outbox)
      .where(eq(schema.outbox.eventType, 'matches.ready'));
    expect(events.filter((e) => JSON.stringify(e.payload).includes(missionId))).toHaveLength(1);
  });

  it('never lists anyone beyond their mobility radius for an onsite mission', async () => {
    const skills = [{ code: 'recrutement', level: 3 }];
    const near = await insertPostier(database.db, {
      skills,
      communeCode: COMMUNES.villeurbanne,
      radiusKm: 10,
    });
    const far = await insertPostier(database.db, { skills, communeCode: COMMUNES.marseille, radiusKm: 30 });
    const farRemote = await insertPostier(database.db, {
      skills,
      communeCode: COMMUNES.paris,
      radiusKm: 50,
      remoteOk: true,
    });
    const missionId = await insertMission(database.db, {
      associationId,
      skills: [{ code: 'recrutement', level: 3 }],
    });
    const m = await matcher();
    await m.matchMission(missionId);
    const ids = (await matchesOf(missionId)).map((r) => r.postierId);
    expect(ids).toContain(near);
    expect(ids).not.toContain(far);
    expect(ids).not.toContain(farRemote);
  });

  it('never lists opted-out, inactive, already-applied or over-quota postiers', async () => {
    const skills = allSkills(4);
    const ok = await insertPostier(database.db, { skills });
    const optedOut = await insertPostier(database.db, { skills, optIn: false });
    const disabled = await insertPostier(database.db, { skills, status: 'disabled' });
    const applied = await insertPostier(database.db, { skills });
    const overQuota = await insertPostier(database.db, { skills, yearlyQuotaHours: 0 });
    const missionId = await insertMission(database.db, { associationId });
    await database.db
      .insert(schema.applications)
      .values({ missionId, postierId: applied, motivation: 'Je veux aider cette association.' });
    const m = await matcher();
    await m.matchMission(missionId);
    const ids = (await matchesOf(missionId)).map((r) => r.postierId);
    expect(ids).toContain(ok);
    for (const id of [optedOut, disabled, applied, overQuota]) expect(ids).not.toContain(id);
  });

  it('ranks a remote mission by skills regardless of distance', async () => {
    const code = 'gestion-projet';
    const farExpert = await insertPostier(database.db, {
      skills: [
        { code, level: 4 },
        { code: 'cybersecurite', level: 4 },
      ],
      communeCode: COMMUNES.marseille,
      radiusKm: 5,
      remoteOk: true,
    });
    const nearNovice = await insertPostier(database.db, {
      skills: [{ code, level: 1 }],
      communeCode: COMMUNES.lyon,
      remoteOk: true,
    });
    const missionId = await insertMission(database.db, {
      associationId,
      mode: 'remote',
      skills: [
        { code, level: 4 },
        { code: 'cybersecurite', level: 3 },
      ],
    });
    const m = await matcher();
    await m.matchMission(missionId);
    const ids = (await matchesOf(missionId)).map((r) => r.postierId);
    expect(ids.indexOf(farExpert)).toBe(0);
    expect(ids).toContain(nearNovice);
    expect(ids.indexOf(farExpert)).toBeLessThan(ids.indexOf(nearNovice));
  });

  it('gives the same ranking for the same data (ties broken by id)', async () => {
    const twins = await Promise.all(
      [1, 2, 3, 4].map(() => insertPostier(database.db, { skills: allSkills(2) })),
    );
    const missionId = await insertMission(database.db, { associationId });
    const a = await (await matcher()).rank(missionId);
    const b = await (await matcher()).rank(missionId);
    expect(a?.ranked.map((r) => [r.candidateId, r.score])).toEqual(
      b?.ranked.map((r) => [r.candidateId, r.score]),
    );
    const positions = twins.map((id) => a?.ranked.findIndex((r) => r.candidateId === id) ?? -1);
    const sortedTwins = [...twins].sort();
    const byPosition = [...twins].sort(
      (x, y) => (positions[twins.indexOf(x)] ?? 0) - (positions[twins.indexOf(y)] ?? 0),
    );
    expect(byPosition).toEqual(sortedTwins);
  });

  it('refreshes a postier on profile.updated and forgets a closed mission', async () => {
    const code = 'droit-associations';
    const missionId = await insertMission(database.db, { associationId, skills: [{ code, level: 2 }] });
    const late = await insertPostier(database.db, { skills: [] });
    const m = await matcher();
    await m.matchMission(missionId);
    expect((await matchesOf(missionId)).map((r) => r.postierId)).not.toContain(late);

    await database.db.insert(schema.postierSkills).values({ userId: late, skillCode: code, level: 3 });
    await m.refreshPostier(late);
    expect((await matchesOf(missionId)).map((r) => r.postierId)).toContain(late);

    await database.db
      .update(schema.postierProfiles)
      .set({ matchingOptIn: false })
      .where(eq(schema.postierProfiles.userId, late));
    await m.refreshPostier(late);
    expect((await matchesOf(missionId)).map((r) => r.postierId)).not.toContain(late);

    await database.db
      .update(schema.missions)
      .set({ status: 'closed' })
      .where(eq(schema.missions.id, missionId));
    await m.clearMission(missionId);
    expect(await matchesOf(missionId)).toHaveLength(0);
  });

  it('drops the pair when the postier applies', async () => {
    const postier = await insertPostier(database.db, { skills: allSkills(3) });
    const missionId = await insertMission(database.db, { associationId });
    const m = await matcher();
    await m.matchMission(missionId);
    expect((await matchesOf(missionId)).map((r) => r.postierId)).toContain(postier);
    const [application] = await database.db
      .insert(schema.applications)
      .values({ missionId, postierId: postier, motivation: 'Je veux aider cette association.' })
      .returning({ id: schema.applications.id });
    await m.applicationChanged(application?.id ?? '');
    expect((await matchesOf(missionId)).map((r) => r.postierId)).not.toContain(postier);
  });

  it('end to end: a published mission has its matches within a second (relay, Redis, worker)', async () => {
    const env = testEnv();
    const prefix = env.QUEUE_PREFIX ?? '{t}';
    const url = env.REDIS_URL ?? '';
    const producer = producerConnection(url);
    const queues = Object.fromEntries(
      Object.values(QUEUES).map((name) => [name, new Queue(name, { connection: producer, prefix })]),
    ) as Record<QueueName, Queue>;
    const connection = workerConnection(url);
    const m = await matcher();
    const worker = createWorker({
      queue: QUEUES.matching,
      connection,
      prefix,
      handlers: m.handlers,
      expectedJobNames: MATCHING_JOB_NAMES,
      logger: silent,
      concurrency: 1,
    });
    const relay = createRelay({ pool: database.pool, queues, logger: silent, pollIntervalMs: 50 });
    try {
      await worker.waitUntilReady();
      await relay.start();
      // Drain what earlier tests left in the outbox first.
      await new Promise((r) => setTimeout(r, 300));
      const expert = await insertPostier(database.db, { skills: allSkills(4) });
      await m.refreshPostier(expert);
      const missionId = await insertMission(database.db, { associationId, status: 'draft' });
      const started = Date.now();
      await database.db.transaction(async (tx) => {
        await tx
          .update(schema.missions)
          .set({ status: 'published', publishedAt: new Date() })
          .where(eq(schema.missions.id, missionId));
        await writeOutbox(tx, 'mission.published', { missionId });
      });
      let rows = await matchesOf(missionId);
      while (rows.length === 0 && Date.now() - started < 5_000) {
        await new Promise((r) => setTimeout(r, 10));
        rows = await matchesOf(missionId);
      }
      const elapsed = Date.now() - started;
      expect(rows.map((r) => r.postierId)).toContain(expert);
      expect(elapsed).toBeLessThan(1_000);
      expect(SKILLS.length).toBe(4);
    } finally {
      await relay.stop();
      await worker.close();
      await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true }).catch(() => {})));
      await Promise.all(Object.values(queues).map((q) => q.close()));
      connection.disconnect();
      producer.disconnect();
    }
  });
});
