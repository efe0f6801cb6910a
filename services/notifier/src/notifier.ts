import type { Config } from '@passerelle/config';
import { createDb, type DbClient } from '@passerelle/db';
import {
  checkEvictionPolicy,
  createWorker,
  type Logger,
  producerConnection,
  QUEUES,
  type QueueName,
  workerConnection,
} from '@passerelle/queue';
import { Queue, type Worker } from 'bullmq';
import { handlers, NOTIFICATION_JOB_NAMES } from './handlers';
import { MAINTENANCE_JOB_NAMES, maintenanceHandlers } from './maintenance';
import { createRelay, type Relay } from './relay';
import { upsertSchedules } from './schedules';
import { createDeliveryStore } from './store';
import { createThreadedTransport } from './threaded-transport';
import type { MailTransport } from './transport';

export interface NotifierOptions {
  logger: Logger;
  /**
   * Jobs processed at once; each mostly waits on PostgreSQL and SMTP. Enough to keep the SMTP thread
   * fed while it returns its results in groups (smtp-thread.mjs) and the next jobs' SQL runs in batches.
   */
  concurrency?: number;
  /** Run the outbox relay in this process (the default, see README "Outbox and queues"). */
  relay?: boolean;
  /** Upsert the digest and maintenance job schedulers at start. */
  schedules?: boolean;
  relayPollIntervalMs?: number;
  /** Replaces the SMTP transport (tests that need to see a send fail in a precise way). */
  transport?: MailTransport;
}

export interface Notifier {
  db: DbClient;
  /** Producer-side queues (the relay's, on a fail-fast connection). */
  queues: Record<QueueName, Queue>;
  worker: Worker;
  relay: Relay | undefined;
  /** Graceful stop: stop taking jobs, let the running ones finish, then close everything. */
  stop(): Promise<void>;
  /** The same steps, for a shutdown handler that runs them one by one. */
  shutdownSteps(): (() => Promise<unknown>)[];
}

// Emails take milliseconds: a short lock lets another notifier pick up the jobs of a dead one within
// seconds instead of the 30 s default, and it is renewed every lockDuration / 2 while a job runs.
const LOCK_DURATION_MS = 10_000;
const STALLED_INTERVAL_MS = 5_000;
// A crash-looping process would make a job "stall" again and again; BullMQ's default of 1 would
// then fail a perfectly good email after two crashes. Its delivery row keeps it from going out twice.
const MAX_STALLED_COUNT = 10;

function queuesOn(connection: ReturnType<typeof producerConnection>, prefix: string) {
  return Object.fromEntries(
    Object.values(QUEUES).map((name) => [name, new Queue(name, { connection, prefix })]),
  ) as Record<QueueName, Queue>;
}

export async function startNotifier(config: Config, options: NotifierOptions): Promise<Notifier> {
  const { logger } = options;
  // Enough jobs in flight to keep the SMTP pool's connections busy while others wait on PostgreSQL.
  const concurrency = options.concurrency ?? 32;
  // Workers block on Redis and wait for it forever (BullMQ's advice).
  const connection = workerConnection(config.REDIS_URL);
  connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  // The relay's producer fails fast when Redis is away: its outbox rows simply wait.
  const producer = producerConnection(config.REDIS_URL);
  producer.on('error', () => {});
  const database = createDb(config.DATABASE_URL, {
    max: Math.min(24, Math.max(8, Math.ceil(concurrency / 2))),
    applicationName: 'passerelle-notifier',
  });
  const transport =
    options.transport ?? createThreadedTransport(config.SMTP_URL, { databaseUrl: config.DATABASE_URL });

  // Connections opened now, not by the first jobs (SCRAM authentication costs a few ms each): a
  // notifier that says it is ready sends at once.
  await Promise.all(Array.from({ length: 4 }, () => database.pool.query('SELECT 1')));
  const warning = await checkEvictionPolicy(connection);
  if (warning) logger.warn({}, warning);

  const queues = queuesOn(producer, config.QUEUE_PREFIX);
  // Schedulers and the digest fan-out use the worker connection: they wait for Redis instead of failing.
  const ownQueues = queuesOn(connection, config.QUEUE_PREFIX);
  for (const queue of [...Object.values(queues), ...Object.values(ownQueues)]) queue.on('error', () => {});

  const deps = {
    db: database.db,
    pool: database.pool,
    store: createDeliveryStore(database.pool),
    transport,
    logger,
    queue: ownQueues.notifications,
    mail: { from: config.MAIL_FROM, publicUrl: config.PUBLIC_URL, secret: config.JWT_SECRET },
  };
  const workerOptions = {
    lockDuration: LOCK_DURATION_MS,
    stalledInterval: STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED_COUNT,
  };
  const worker = createWorker({
    queue: QUEUES.notifications,
    connection,
    prefix: config.QUEUE_PREFIX,
    handlers: handlers(deps),
    expectedJobNames: NOTIFICATION_JOB_NAMES,
    logger,
    concurrency,
    workerOptions,
  });
  const maintenance = createWorker({
    queue: QUEUES.maintenance,
    connection,
    prefix: config.QUEUE_PREFIX,
    handlers: maintenanceHandlers({ db: database.db, logger }),
    expectedJobNames: MAINTENANCE_JOB_NAMES,
    logger,
    concurrency: 1,
    workerOptions,
  });
  await Promise.all([worker.waitUntilReady(), maintenance.waitUntilReady()]);
  if (options.schedules ?? true) await upsertSchedules(ownQueues);

  // The relay's queues must have finished connecting (BullMQ does it in the background) before
  // the relay relies on them: an outage in the middle of that would leave a queue unusable.
  await Promise.all(Object.values(queues).map((q) => q.waitUntilReady()));
  const relay =
    (options.relay ?? true)
      ? createRelay({
          pool: database.pool,
          queues,
          logger,
          ...(options.relayPollIntervalMs ? { pollIntervalMs: options.relayPollIntervalMs } : {}),
        })
      : undefined;
  await relay?.start();

  const shutdownSteps = (): (() => Promise<unknown>)[] => [
    async () => relay?.stop(),
    () => worker.close(),
    () => maintenance.close(),
    ...[...Object.values(queues), ...Object.values(ownQueues)].map((q) => () => q.close()),
    () => transport.close(),
    async () => connection.quit(),
    async () => producer.quit(),
    () => database.close(),
  ];
  return {
    db: database,
    queues,
    worker,
    relay,
    shutdownSteps,
    async stop() {
      for (const step of shutdownSteps()) await step().catch(() => {});
    },
  };
}
