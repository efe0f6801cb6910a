import { loadConfigOrExit } from '@passerelle/config';
import { createDb } from '@passerelle/db';
import { checkEvictionPolicy, createWorker, onShutdown, QUEUES, workerConnection } from '@passerelle/queue';
import pino from 'pino';
import { createMatcher, MATCHING_JOB_NAMES } from './matcher';

const config = loadConfigOrExit();
const logger = pino({ name: 'matcher', level: config.LOG_LEVEL });
const connection = workerConnection(config.REDIS_URL);
connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const database = createDb(config.DATABASE_URL, { max: 5, applicationName: 'passerelle-matcher' });

const warning = await checkEvictionPolicy(connection);
if (warning) logger.warn({}, warning);

const matcher = await createMatcher({ db: database.db, logger });

/**
 * Stalled-job recovery: a job whose worker died (kill -9) is retried once its lock expires.
 * MATCHER_STALLED_INTERVAL_MS (tests) shortens the lock and the check; unset keeps BullMQ's
 * defaults (30 s), right for production.
 */
const stalledMs = Number(process.env.MATCHER_STALLED_INTERVAL_MS ?? '');
const stalledOptions =
  Number.isInteger(stalledMs) && stalledMs > 0
    ? { stalledInterval: stalledMs, lockDuration: Math.max(2 * stalledMs, 1_000) }
    : {};

const worker = createWorker({
  queue: QUEUES.matching,
  connection,
  prefix: config.QUEUE_PREFIX,
  handlers: matcher.handlers,
  expectedJobNames: MATCHING_JOB_NAMES,
  logger,
  concurrency: 1,
  workerOptions: stalledOptions,
});
await worker.waitUntilReady();
logger.info({ queue: QUEUES.matching }, 'matcher ready');

onShutdown(logger, [() => worker.close(), async () => connection.quit(), () => database.close()]);
