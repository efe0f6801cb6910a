import { type Handlers, outboxJobSchema } from '@passerelle/queue';
import { type Job, UnrecoverableError } from 'bullmq';
import { PermanentDeliveryError } from './deliver';
import {
  DIGEST_JOB_NAMES,
  DIGEST_JOBS,
  type DigestDeps,
  fanOutHrDigests,
  fanOutPersonDigests,
  parseHrDigestJob,
  parsePersonDigestJob,
  runDate,
  sendHrDigest,
  sendPersonDigest,
} from './digests';
import { dispatchEvent } from './dispatch';
import { retryDelivery } from './retry';
import { EVENT_TYPES, InvalidEventError } from './rules';

/** Written by the api when an admin retries a failed delivery. */
export const DELIVERY_RETRY_EVENT = 'delivery.retry';

/** Every job name of the `notifications` queue: each outbox event type, the retry, the digests. */
export const NOTIFICATION_JOB_NAMES: readonly string[] = [
  ...EVENT_TYPES,
  DELIVERY_RETRY_EVENT,
  ...DIGEST_JOB_NAMES,
];

export type NotificationDeps = DigestDeps;

/** On the last attempt a temporary failure is final too: the row is marked failed for the admins. */
const lastAttempt = (job: Job) => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/**
 * Typed errors mapped once, here, at the edge: what no retry can fix becomes BullMQ's
 * UnrecoverableError (one try, then failed), everything else is thrown as is and retried.
 */
async function atEdge<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PermanentDeliveryError || error instanceof InvalidEventError) {
      throw new UnrecoverableError(error.message);
    }
    throw error;
  }
}

function outboxEvent(job: Job) {
  const parsed = outboxJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`job ${job.id}: not an outbox job`);
  return { id: parsed.data.outboxId, type: parsed.data.eventType, payload: parsed.data.payload };
}

export function handlers(deps: NotificationDeps): Handlers {
  const onEvent = (job: Job) =>
    atEdge(async () => {
      const summary = await dispatchEvent(deps, outboxEvent(job), { lastAttempt: lastAttempt(job) });
      return summary.outcomes;
    });

  const onRetry = (job: Job) =>
    atEdge(async () => {
      const event = outboxEvent(job);
      const deliveryId = event.payload.deliveryId;
      if (typeof deliveryId !== 'string') throw new InvalidEventError(event.id, 'deliveryId');
      return { outcome: await retryDelivery(deps, deliveryId, { lastAttempt: lastAttempt(job) }) };
    });

  return {
    ...Object.fromEntries(EVENT_TYPES.map((type) => [type, onEvent])),
    [DELIVERY_RETRY_EVENT]: onRetry,
    [DIGEST_JOBS.daily]: (job) => fanOutPersonDigests(deps, 'daily', runDate(job)),
    [DIGEST_JOBS.weekly]: (job) => fanOutPersonDigests(deps, 'weekly', runDate(job)),
    [DIGEST_JOBS.hr]: (job) => fanOutHrDigests(deps, runDate(job)),
    [DIGEST_JOBS.user]: (job) =>
      atEdge(async () => {
        const data = parsePersonDigestJob(job.data);
        if (!data) throw new UnrecoverableError(`job ${job.id}: not a digest job`);
        return { outcome: await sendPersonDigest(deps, data, { lastAttempt: lastAttempt(job) }) };
      }),
    [DIGEST_JOBS.hrUser]: (job) =>
      atEdge(async () => {
        const data = parseHrDigestJob(job.data);
        if (!data) throw new UnrecoverableError(`job ${job.id}: not an HR digest job`);
        return { outcome: await sendHrDigest(deps, data, { lastAttempt: lastAttempt(job) }) };
      }),
  };
}
