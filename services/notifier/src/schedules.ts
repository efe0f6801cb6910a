import { QUEUES, type QueueName } from '@passerelle/queue';
import type { Queue } from 'bullmq';
import { DIGEST_JOBS } from './digests';
import { MAINTENANCE_JOBS } from './maintenance';

export const TIME_ZONE = 'Europe/Paris';

interface Schedule {
  id: string;
  queue: QueueName;
  /** Cron pattern, in Paris time (so 07:00 stays 07:00 across daylight saving changes). */
  pattern: string;
  job: string;
}

export const SCHEDULES: readonly Schedule[] = [
  { id: 'digest-daily', queue: QUEUES.notifications, pattern: '0 7 * * *', job: DIGEST_JOBS.daily },
  { id: 'digest-weekly', queue: QUEUES.notifications, pattern: '0 7 * * 1', job: DIGEST_JOBS.weekly },
  { id: 'digest-hr-daily', queue: QUEUES.notifications, pattern: '0 7 * * *', job: DIGEST_JOBS.hr },
  {
    id: 'close-expired-missions',
    queue: QUEUES.maintenance,
    pattern: '15 0 * * *',
    job: MAINTENANCE_JOBS.closeExpiredMissions,
  },
  {
    id: 'purge-inactive-accounts',
    queue: QUEUES.maintenance,
    pattern: '30 3 * * *',
    job: MAINTENANCE_JOBS.purgeInactiveAccounts,
  },
];

/**
 * Job schedulers live in Redis: upserting them at every boot is idempotent (same id, same
 * pattern), and however many notifiers run, each run happens once.
 */
export async function upsertSchedules(queues: Record<QueueName, Queue>): Promise<void> {
  for (const schedule of SCHEDULES) {
    await queues[schedule.queue].upsertJobScheduler(
      schedule.id,
      { pattern: schedule.pattern, tz: TIME_ZONE },
      {
        name: schedule.job,
        data: {},
        opts: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 10_000 },
          removeOnComplete: { count: 100 },
          removeOnFail: { count: 1_000 },
        },
      },
    );
  }
}
