import { loadConfigOrExit } from '@passerelle/config';
import { onShutdown, QUEUES } from '@passerelle/queue';
import pino from 'pino';
import { startNotifier } from './notifier';

const config = loadConfigOrExit();
const logger = pino({ name: 'notifier', level: config.LOG_LEVEL });

// The outbox relay runs in this process (see README, "Outbox and queues").
const notifier = await startNotifier(config, { logger });
logger.info({ queue: QUEUES.notifications }, 'notifier and outbox relay ready');

onShutdown(logger, notifier.shutdownSteps());
