import { writeOutbox } from '@passerelle/db';
import { producerConnection, QUEUES, type QueueName } from '@passerelle/queue';
import { createTestDatabase, startRedis, type TestDatabase, testEnv } from '@passerelle/testkit';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelay } from '../src/relay';

const silent = { info() {}, warn() {}, error() {} };

function queuesOn(redis: Redis, prefix: string): Record<QueueName, Queue> {
  return Object.fromEntries(
    Object.values(QUEUES).map((name) => [name, new Queue(name, { connection: redis, prefix })]),
  ) as Record<QueueName, Queue>;
}

describe('outbox relay', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('moves every row once even with three relays running at the same time', async () => {
    const env = testEnv();
    const prefix = env.QUEUE_PREFIX ?? '{t}';
    const redis = producerConnection(env.REDIS_URL ?? '');
    const queues = queuesOn(redis, prefix);
    const rows = 600;
    for (let i = 0; i < rows; i++) {
      await writeOutbox(database.db, i % 2 ? 'mission.published' : 'user.registered', { missionId: `m${i}` });
    }
    const seen = new Map<string, number>();
    const relays = [1, 2, 3].map(() =>
      createRelay({
        pool: database.pool,
        queues,
        logger: silent,
        batchSize: 50,
        onEnqueued: (queue, id) => seen.set(`${queue}:${id}`, (seen.get(`${queue}:${id}`) ?? 0) + 1),
      }),
    );
    await Promise.all(
      relays.map(async (relay) => {
        while ((await relay.runOnce()) > 0) {
          // keep going until the outbox is empty
        }
      }),
    );
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // Every row goes to the notifier; mission.published also to the matcher.
    expect(await queues.notifications.count()).toBe(rows);
    expect(await queues.matching.count()).toBe(rows / 2);
    const { rows: left } = await database.pool.query(
      'select count(*)::int as n from outbox where dispatched_at is null',
    );
    expect(left[0].n).toBe(0);
    const [job] = await queues.matching.getJobs(['waiting'], 0, 0);
    expect(job?.id).toBe(`outbox-${job?.data.outboxId}`);
    expect(job?.data).toEqual({
      outboxId: expect.any(Number),
      eventType: 'mission.published',
      payload: { missionId: expect.any(String) },
    });
    await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true })));
    await Promise.all(Object.values(queues).map((q) => q.close()));
    redis.disconnect();
  });

  it('keeps rows while Redis is down and sends them once it is back', { timeout: 60_000 }, async () => {
    const redisServer = await startRedis();
    const redis = producerConnection(redisServer.url);
    redis.on('error', () => {});
    const queues = queuesOn(redis, '{relay-down}');
    for (const q of Object.values(queues)) q.on('error', () => {});
    const relay = createRelay({ pool: database.pool, queues, logger: silent, pollIntervalMs: 100 });
    try {
      // BullMQ finishes connecting a queue in the background (INFO, script loading): an outage in
      // the middle of that leaves the queue unusable, so the outage starts once they are ready.
      await Promise.all(Object.values(queues).map((q) => q.waitUntilReady()));
      await relay.start();
      await redisServer.kill9();
      const ids: number[] = [];
      for (let i = 0; i < 20; i++)
        ids.push(await writeOutbox(database.db, 'mission.published', { missionId: `down${i}` }));
      await new Promise((r) => setTimeout(r, 500));
      const waiting = await database.pool.query(
        'select count(*)::int as n from outbox where id = any($1) and dispatched_at is null',
        [ids],
      );
      expect(waiting.rows[0].n).toBe(20);

      await redisServer.restart();
      // Generous: on a loaded CI machine ioredis may take a few back-off rounds to reconnect.
      const deadline = Date.now() + 40_000;
      for (;;) {
        const left = await database.pool.query(
          'select count(*)::int as n from outbox where id = any($1) and dispatched_at is null',
          [ids],
        );
        if (left.rows[0].n === 0) break;
        if (Date.now() > deadline) throw new Error(`${left.rows[0].n} rows still waiting`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await queues.matching.count()).toBe(20);
    } finally {
      await relay.stop();
      await Promise.all(Object.values(queues).map((q) => q.close().catch(() => {})));
      redis.disconnect();
      await redisServer.stop();
    }
  });
});
