export * from './names';
export * from './routes';
export * from './worker';

import type { ConnectionOptions, DefaultJobOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { z } from 'zod';

/** Payloads are ids only: Redis stores them in clear. */
export const outboxJobSchema = z.strictObject({
  outboxId: z.number().int().positive(),
  eventType: z.string().min(1),
  payload: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]),
  ),
});
export type OutboxJob = z.infer<typeof outboxJobSchema>;

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 10_000, age: 7 * 24 * 3600 },
};

/** Workers block on Redis: they must retry forever rather than fail a command (BullMQ's advice). */
export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true } satisfies RedisOptions);
}

/** Producers inside a request fail fast when Redis is away; the outbox keeps the event. */
export function producerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
}

export type { ConnectionOptions };

/** Warns when Redis could evict BullMQ's keys: jobs would silently vanish. */
export async function checkEvictionPolicy(redis: Redis): Promise<string | undefined> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1];
    if (policy && policy !== 'noeviction') {
      return `Redis maxmemory-policy is "${policy}": set it to "noeviction" or jobs may be lost`;
    }
  } catch {
    // CONFIG may be disabled on managed Redis: nothing to check then.
  }
  return undefined;
}

/** BullMQ refuses integer-looking custom ids, so the outbox row id gets a prefix. */
export const outboxJobId = (outboxId: number) => `outbox-${outboxId}`;
