import { loadConfigOrExit } from '@passerelle/config';
import { createDb } from '@passerelle/db';
import {
  checkEvictionPolicy,
  createWorker,
  onShutdown,
  producerConnection,
  QUEUES,
  type QueueName,
  workerConnection,
} from '@passerelle/queue';
import { Queue } from 'bullmq';
import pino from 'pino';
import { handlers, NOTIFICATION_JOB_NAMES } from './handlers';
import { createRelay } from './relay';

const config = loadConfigOrExit();
const logger = pino({ name: 'notifier', level: config.LOG_LEVEL });
const connection = workerConnection(config.REDIS_URL);
connection.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
// The relay's producer fails fast when Redis is away: its outbox rows simply wait.
const producer = producerConnection(config.REDIS_URL);
producer.on('error', () => {});
const database = createDb(config.DATABASE_URL, { max: 8, applicationName: 'passerelle-notifier' });

const warning = await checkEvictionPolicy(connection);
if (warning) logger.warn({}, warning);

const queues = Object.fromEntries(
  Object.values(QUEUES).map((name) => [
    name,
    new Queue(name, { connection: producer, prefix: config.QUEUE_PREFIX }),
  ]),
) as Record<QueueName, Queue>;
for (const queue of Object.values(queues)) queue.on('error', () => {});

const worker = createWorker({
  queue: QUEUES.notifications,
  connection,
  prefix: config.QUEUE_PREFIX,
  handlers: handlers({ db: database.db, logger }),
  expectedJobNames: NOTIFICATION_JOB_NAMES,
  logger,
});
await worker.waitUntilReady();

// The outbox relay runs in this process (see README, "Outbox and queues").
const relay = createRelay({ pool: database.pool, queues, logger });
await relay.start();
logger.info({ queue: QUEUES.notifications }, 'notifier and outbox relay ready');

onShutdown(logger, [
  () => relay.stop(),
  () => worker.close(),
  ...Object.values(queues).map((q) => () => q.close()),
  async () => connection.quit(),
  async () => producer.quit(),
  () => database.close(),
]);
