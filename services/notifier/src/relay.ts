import type { Logger, OutboxJob } from '@passerelle/queue';
import { DEFAULT_JOB_OPTIONS, outboxJobId, type QueueName, queuesFor } from '@passerelle/queue';
import type { Queue } from 'bullmq';
import type pg from 'pg';

export interface RelayOptions {
  pool: pg.Pool;
  queues: Record<QueueName, Queue>;
  logger: Logger;
  batchSize?: number;
  pollIntervalMs?: number;
  /** Test hook: sees every job handed to BullMQ. */
  onEnqueued?: (queue: QueueName, outboxId: number) => void;
}

/**
 * BullMQ waits for its connection to be ready before sending: while Redis is away an add can
 * hang rather than fail. Bounding it lets the transaction roll back and the next tick retry.
 */
const ADD_TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`BullMQ did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface Relay {
  /** Moves one batch; returns how many rows were dispatched. */
  runOnce(): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  event_type: string;
  payload: OutboxJob['payload'];
}

/**
 * Moves outbox rows into BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * relays share the work without sending a row twice; a row is marked dispatched in the same
 * transaction that claimed it, after BullMQ accepted it. When Redis is down the add fails,
 * the transaction rolls back and the rows wait for the next try. The row id is the jobId,
 * so even a relay that dies between BullMQ's answer and its COMMIT re-adds a job BullMQ
 * already knows, and BullMQ ignores it.
 */
export function createRelay(options: RelayOptions): Relay {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  let listener: pg.PoolClient | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = false;
  let failures = 0;

  async function runOnce(): Promise<number> {
    const client = await options.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT id, event_type, payload FROM outbox
          WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      if (rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      const byQueue = new Map<QueueName, OutboxRow[]>();
      for (const row of rows) {
        for (const queue of queuesFor(row.event_type)) {
          const list = byQueue.get(queue) ?? [];
          list.push(row);
          byQueue.set(queue, list);
        }
      }
      for (const [queueName, list] of byQueue) {
        await withTimeout(
          options.queues[queueName].addBulk(
            list.map((row) => ({
              name: row.event_type,
              data: {
                outboxId: Number(row.id),
                eventType: row.event_type,
                payload: row.payload,
              } satisfies OutboxJob,
              opts: { ...DEFAULT_JOB_OPTIONS, jobId: outboxJobId(Number(row.id)) },
            })),
          ),
          ADD_TIMEOUT_MS,
        );
        for (const row of list) options.onEnqueued?.(queueName, Number(row.id));
      }
      await client.query(
        'UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])',
        [rows.map((r) => r.id)],
      );
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async function drain(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        while (!stopped && (await runOnce()) === batchSize) {
          // a full batch: there is probably more waiting
        }
      } while (again && !stopped);
      failures = 0;
    } catch (error) {
      failures += 1;
      // Redis or PostgreSQL away: say it once in a while, keep the rows, retry on the next tick.
      if (failures === 1 || failures % 30 === 0) {
        options.logger.warn({ err: String(error), failures }, 'outbox relay cannot dispatch; rows wait');
      }
    } finally {
      running = false;
    }
  }

  async function listen(): Promise<void> {
    try {
      const client = await options.pool.connect();
      client.on('notification', () => void drain());
      client.on('error', () => {
        listener = undefined;
        client.release(true);
      });
      await client.query('LISTEN outbox');
      listener = client;
    } catch (error) {
      options.logger.warn({ err: String(error) }, 'outbox relay cannot LISTEN; polling only');
    }
  }

  return {
    runOnce,
    async start() {
      stopped = false;
      await listen();
      const tick = async () => {
        if (stopped) return;
        if (!listener) await listen();
        await drain();
        if (!stopped) timer = setTimeout(() => void tick(), pollIntervalMs);
      };
      await tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (running) await new Promise((r) => setTimeout(r, 10));
      if (listener) {
        await listener.query('UNLISTEN outbox').catch(() => {});
        listener.release();
        listener = undefined;
      }
    },
  };
}
