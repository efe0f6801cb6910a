import { setFlagsFromString } from 'node:v8';
import { loadConfigOrExit } from '@passerelle/config';
import { onShutdown, QUEUES } from '@passerelle/queue';
import pino from 'pino';
import { startNotifier } from './notifier';

// A burst of emails promotes short-lived garbage (relay batches, rendered emails waiting on SMTP)
// and V8 lets the old generation grow up to four times what is live before collecting it: about
// +90 MB of RSS for a 20,000-email burst over a ~30 MB live heap. Growing by half of it instead
// keeps the peak near +40 MB, for major collections of a few ms more often (bench:notifier).
// V8 reads this flag each time it sets the next limit, so setting it at start is enough.
setFlagsFromString('--heap-growing-percent=50');

const config = loadConfigOrExit();
const logger = pino({ name: 'notifier', level: config.LOG_LEVEL });

// The outbox relay runs in this process (see README, "Outbox and queues").
const notifier = await startNotifier(config, { logger });
logger.info({ queue: QUEUES.notifications }, 'notifier and outbox relay ready');

onShutdown(logger, notifier.shutdownSteps());
