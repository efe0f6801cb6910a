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

const worker = createWorker({
  queue: QUEUES.matching,
  connection,
  prefix: config.QUEUE_PREFIX,
  handlers: matcher.handlers,
  expectedJobNames: MATCHING_JOB_NAMES,
  logger,
  concurrency: 1,
});
await worker.waitUntilReady();
logger.info({ queue: QUEUES.matching }, 'matcher ready');

onShutdown(logger, [() => worker.close(), async () => connection.quit(), () => database.close()]);
