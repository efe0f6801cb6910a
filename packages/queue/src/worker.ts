import { type Job, type Processor, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export type Handlers = Record<string, (job: Job) => Promise<unknown>>;

/**
 * One queue, several job names: a switch over the names, and a refusal at boot when an
 * expected job name has no handler (a typo would otherwise fail every job at run time).
 */
export function createWorker(options: {
  queue: string;
  connection: Redis;
  prefix: string;
  handlers: Handlers;
  expectedJobNames: readonly string[];
  logger: Logger;
  concurrency?: number;
  workerOptions?: Partial<WorkerOptions>;
}): Worker {
  const missing = options.expectedJobNames.filter((name) => !options.handlers[name]);
  if (missing.length) throw new Error(`queue ${options.queue}: no handler for ${missing.join(', ')}`);
  const processor: Processor = async (job) => {
    const handler = options.handlers[job.name];
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    return handler(job);
  };
  const worker = new Worker(options.queue, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 4,
    ...options.workerOptions,
  });
  // Without an error listener, a Redis hiccup would be an unhandled 'error' event.
  worker.on('error', (err) => options.logger.error({ err: { message: err.message } }, 'worker error'));
  worker.on('failed', (job, err) =>
    options.logger.warn(
      { jobId: job?.id, name: job?.name, attempts: job?.attemptsMade, reason: err.message },
      'job failed',
    ),
  );
  return worker;
}

/** SIGINT/SIGTERM: stop taking jobs, let running ones finish, then close the rest in order. */
export function onShutdown(logger: Logger, steps: (() => Promise<unknown>)[]): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    for (const step of steps) {
      await step().catch((err: unknown) => logger.error({ err: String(err) }, 'shutdown step failed'));
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
