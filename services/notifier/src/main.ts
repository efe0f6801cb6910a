import { loadConfigOrExit } from '@passerelle/config';
import { createDb } from '@passerelle/db';
import { checkEvictionPolicy, createWorker, onShutdown, QUEUES, workerConnection } from '@passerelle/queue';
import pino from 'pino';
import { handlers, NOTIFICATION_JOB_NAMES } from './handlers';

const config = loadConfigOrExit();
const logger = pino({ name: 'notifier', level: config.LOG_LEVEL });
const connection = workerConnection(config.REDIS_URL);
connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
const database = createDb(config.DATABASE_URL, { max: 5, applicationName: 'passerelle-notifier' });

const warning = await checkEvictionPolicy(connection);
if (warning) logger.warn({}, warning);

const worker = createWorker({
  queue: QUEUES.notifications,
  connection,
  prefix: config.QUEUE_PREFIX,
  handlers: handlers({ db: database.db, logger }),
  expectedJobNames: NOTIFICATION_JOB_NAMES,
  logger,
});
await worker.waitUntilReady();
logger.info({ queue: QUEUES.notifications }, 'notifier ready');

onShutdown(logger, [() => worker.close(), async () => connection.quit(), () => database.close()]);
