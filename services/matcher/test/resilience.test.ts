import { parseConfig } from '@passerelle/config';
import { schema, writeOutbox } from '@passerelle/db';
import {
  createWorker,
  producerConnection,
  QUEUES,
  type QueueName,
  workerConnection,
} from '@passerelle/queue';
import {
  type Child,
  createTestDatabase,
  type RedisHandle,
  spawnChild,
  startRedis,
  type TestDatabase,
  testEnv,
} from '@passerelle/testkit';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/src/app';
import { createUser } from '../../api/test/factories';
import { createRelay, type Relay } from '../../notifier/src/relay';
import { createMatcher, MATCHING_JOB_NAMES, TOP_K } from '../src/matcher';
import { COMMUNES, insertAssociation, insertMission, SKILLS, silent } from './fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const SKILL_CODES = [...SKILLS, 'recrutement', 'gestion-projet', 'droit-associations'];
const COMMUNE_CODES = Object.values(COMMUNES);
const POSTIERS = 600;
const MISSIONS = 150;

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** Many postiers in one statement: communes, radii, skills and levels vary with the row number. */
async function insertPostiers(database: TestDatabase, count: number): Promise<void> {
  await database.pool.query(
    `WITH u AS (
       INSERT INTO users (email, role, status, first_name, last_name)
       SELECT 'resilience.' || g || '.' || md5(random()::text) || '@laposte.fr', 'postier', 'active', 'Camille', 'Nom' || g
         FROM generate_series(1, $1::int) g
       RETURNING id, (regexp_match(email, '^resilience\\.(\\d+)\\.'))[1]::int AS g
     ), p AS (
       INSERT INTO postier_profiles (user_id, commune_code, mobility_radius_km, remote_ok, matching_opt_in)
       SELECT id, ($2::text[])[1 + g % array_length($2::text[], 1)], 5 + (g % 6) * 15, g % 3 = 0, g % 13 <> 0
         FROM u
       RETURNING user_id
     )
     INSERT INTO postier_skills (user_id, skill_code, level)
     SELECT u.id, s.code, 1 + (u.g * 7 + s.i) % 4
       FROM u
       CROSS JOIN unnest($3::text[]) WITH ORDINALITY AS s(code, i)
      WHERE (u.g * 31 + s.i * 17) % 5 < 2`,
    [count, COMMUNE_CODES, SKILL_CODES],
  );
}

/** Missions of every mode, over varied skill sets; `status` published without an outbox row yet. */
async function insertMissions(
  database: TestDatabase,
  associationId: string,
  count: number,
  status: 'published' | 'draft',
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const mode = i % 5 === 0 ? 'remote' : i % 5 === 1 ? 'hybrid' : 'onsite';
    const skills = SKILL_CODES.filter((_, j) => (i + j) % 3 !== 0)
      .slice(0, 2 + (i % 4))
      .map((code, j) => ({ code, level: 1 + ((i + j) % 4), required: j % 2 === 0 }));
    ids.push(
      await insertMission(database.db, {
        associationId,
        mode,
        communeCode: mode === 'remote' ? null : (COMMUNE_CODES[i % COMMUNE_CODES.length] ?? COMMUNES.lyon),
        skills,
        status,
      }),
    );
  }
  return ids;
}

interface Pipes {
  producer: Redis;
  queues: Record<QueueName, Queue>;
  relay: Relay;
  close(): Promise<void>;
}

/** The relay of the notifier process, here in the test process, feeding the queues of `url`. */
async function startRelay(database: TestDatabase, url: string, prefix: string): Promise<Pipes> {
  const producer = producerConnection(url);
  producer.on('error', () => {});
  const queues = Object.fromEntries(
    Object.values(QUEUES).map((name) => [name, new Queue(name, { connection: producer, prefix })]),
  ) as Record<QueueName, Queue>;
  for (const q of Object.values(queues)) q.on('error', () => {});
  const relay = createRelay({ pool: database.pool, queues, logger: silent, pollIntervalMs: 100 });
  await relay.start();
  return {
    producer,
    queues,
    relay,
    close: async () => {
      await relay.stop();
      await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true }).catch(() => {})));
      await Promise.all(Object.values(queues).map((q) => q.close().catch(() => {})));
      producer.disconnect();
    },
  };
}

describe('matcher resilience', () => {
  let database: TestDatabase;
  let associationId: string;

  const matchRows = async (missionIds: readonly string[]) => {
    const { rows } = await database.pool.query<{
      mission_id: string;
      postier_id: string;
      rank: number;
      score: number;
    }>(
      `SELECT mission_id, postier_id, rank, score::float8 AS score FROM matches
        WHERE mission_id = ANY($1::uuid[]) ORDER BY mission_id, rank`,
      [missionIds],
    );
    const byMission = new Map<string, { postierId: string; rank: number; score: number }[]>();
    for (const r of rows) {
      const list = byMission.get(r.mission_id) ?? [];
      list.push({ postierId: r.postier_id, rank: r.rank, score: r.score });
      byMission.set(r.mission_id, list);
    }
    return byMission;
  };

  const missionsWithMatches = async (missionIds: readonly string[]) => {
    const { rows } = await database.pool.query<{ n: number }>(
      'SELECT count(DISTINCT mission_id)::int AS n FROM matches WHERE mission_id = ANY($1::uuid[])',
      [missionIds],
    );
    return rows[0]?.n ?? 0;
  };

  /** Every mission's stored list is exactly what a fresh in-process ranking of the same data gives. */
  async function expectCompleteAndConsistent(missionIds: readonly string[]) {
    const reference = await createMatcher({ db: database.db, logger: silent });
    const stored = await matchRows(missionIds);
    let empty = 0;
    for (const missionId of missionIds) {
      const rows = stored.get(missionId) ?? [];
      const expected = (await reference.rank(missionId))?.ranked ?? [];
      expect(rows.length).toBe(Math.min(TOP_K, expected.length));
      expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
      expect(new Set(rows.map((r) => r.postierId)).size).toBe(rows.length);
      expect(rows.map((r) => [r.postierId, r.score])).toEqual(expected.map((r) => [r.candidateId, r.score]));
      if (rows.length === 0) empty++;
    }
    // The data is built so that (nearly) every mission has candidates: an empty run proves nothing.
    expect(empty).toBeLessThan(missionIds.length / 10);
    // One matches.ready per mission, retries included.
    const { rows: ready } = await database.pool.query<{ mission_id: string; n: number }>(
      `SELECT payload->>'missionId' AS mission_id, count(*)::int AS n FROM outbox
        WHERE event_type = 'matches.ready' AND payload->>'missionId' = ANY($1::text[])
        GROUP BY 1`,
      [missionIds],
    );
    expect(ready.filter((r) => r.n !== 1)).toEqual([]);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    associationId = await insertAssociation(database.db);
    await insertPostiers(database, POSTIERS);
  });
  afterAll(() => database.close());

  it('kill -9 of the matcher process mid-job: the job is retried and every list ends complete and consistent', async () => {
    const env = testEnv({
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      MATCHER_STALLED_INTERVAL_MS: '1000',
    });
    const prefix = env.QUEUE_PREFIX ?? '{t}';
    const missionIds = await insertMissions(database, associationId, MISSIONS, 'published');

    // `node --import tsx`, not the tsx command: kill -9 of its wrapper would leave the real worker running.
    const spawnMatcher = () =>
      spawnChild(process.execPath, ['--import', 'tsx', 'services/matcher/src/main.ts'], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      });
    const ready = (child: Child) =>
      waitUntil('the matcher to be ready', 30_000, async () => {
        if (child.process.exitCode !== null) throw new Error(`matcher exited:\n${child.output()}`);
        return child.output().includes('matcher ready');
      });

    const pipes = await startRelay(database, env.REDIS_URL ?? '', prefix);
    const queue = pipes.queues[QUEUES.matching];
    let child = spawnMatcher();
    try {
      await ready(child);
      await database.db.transaction(async (tx) => {
        for (const missionId of missionIds) await writeOutbox(tx, 'mission.published', { missionId });
      });

      // Let it get going, then kill it while it holds a job.
      await waitUntil(
        'some missions matched',
        20_000,
        async () => (await missionsWithMatches(missionIds)) >= 10,
      );
      await waitUntil('a job in progress', 5_000, async () => (await queue.getActiveCount()) > 0);
      await child.kill9();
      const doneAtKill = await missionsWithMatches(missionIds);
      // Whatever is still active now was held by the dead process: it can only finish by a retry.
      const orphans = (await queue.getActive()).map((j) => j.id ?? '');
      expect(orphans.length).toBeGreaterThan(0);
      expect(doneAtKill).toBeLessThan(MISSIONS);

      child = spawnMatcher();
      await ready(child);
      await waitUntil('every job completed', 30_000, async () => {
        const counts = await queue.getJobCounts('completed', 'active', 'waiting', 'delayed', 'failed');
        return (
          counts.completed === MISSIONS &&
          (counts.active ?? 0) + (counts.waiting ?? 0) + (counts.delayed ?? 0) === 0
        );
      });
      for (const id of orphans) {
        const job = await queue.getJob(id);
        expect(await job?.getState()).toBe('completed');
        // Moved back to wait by the stalled-job check of the new process, then run again.
        expect(job?.stalledCounter ?? 0).toBeGreaterThanOrEqual(1);
      }
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
      await expectCompleteAndConsistent(missionIds);
    } finally {
      await child.stop(5_000);
      await pipes.close();
    }
  }, 60_000);

  it('Redis stopped while missions are published: the API answers 2xx, and every mission gets its matches once Redis is back', async () => {
    const redis: RedisHandle = await startRedis();
    const env = testEnv({ DATABASE_URL: database.url, REDIS_URL: redis.url });
    const prefix = env.QUEUE_PREFIX ?? '{t}';
    const app = await buildApp(parseConfig(env), { logger: false });
    await app.ready();
    const member = await createUser(app, 'association');
    await database.db.insert(schema.associationMembers).values({ associationId, userId: member.id });
    const drafts = await insertMissions(database, associationId, 12, 'draft');
    const matcher = await createMatcher({ db: database.db, logger: silent });
    const connection = workerConnection(redis.url);
    connection.on('error', () => {});
    const worker = createWorker({
      queue: QUEUES.matching,
      connection,
      prefix,
      handlers: matcher.handlers,
      expectedJobNames: MATCHING_JOB_NAMES,
      logger: silent,
      concurrency: 1,
    });
    const pipes = await startRelay(database, redis.url, prefix);
    let redisDown = false;
    try {
      await worker.waitUntilReady();

      await redis.kill9();
      redisDown = true;
      for (const id of drafts) {
        const response = await app.inject({
          method: 'POST',
          url: `/api/v1/missions/${id}/publish`,
          headers: member.auth,
        });
        expect(response.statusCode, response.body).toBe(200);
      }
      const read = await app.inject({ method: 'GET', url: `/api/v1/missions/${drafts[0] ?? ''}` });
      expect(read.statusCode).toBe(200);
      // The events wait in the outbox while Redis is away.
      await sleep(500);
      expect(await missionsWithMatches(drafts)).toBe(0);
      const { rows: waiting } = await database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox
          WHERE event_type = 'mission.published' AND dispatched_at IS NULL AND payload->>'missionId' = ANY($1::text[])`,
        [drafts],
      );
      expect(waiting[0]?.n).toBe(drafts.length);

      const restarted = Date.now();
      await redis.restart();
      redisDown = false;
      await waitUntil('every published mission to get its matches', 10_000, async () => {
        return (await missionsWithMatches(drafts)) === drafts.length;
      });
      const recoveryMs = Date.now() - restarted;
      expect(recoveryMs).toBeLessThan(10_000);
      await expectCompleteAndConsistent(drafts);
    } finally {
      // A failure while Redis was down: bring it back so the worker and queues can close.
      if (redisDown) await redis.restart();
      await pipes.close();
      await worker.close();
      connection.disconnect();
      await app.close();
      await redis.stop();
    }
  }, 60_000);
});
