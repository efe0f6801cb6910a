import { closeExpiredMissions, type Database, purgeInactiveAccounts } from '@passerelle/db';
import type { Handlers, Logger } from '@passerelle/queue';
import { runDate } from './digests';

export const MAINTENANCE_JOBS = {
  closeExpiredMissions: 'missions.close-expired',
  purgeInactiveAccounts: 'accounts.purge-inactive',
} as const;

export const MAINTENANCE_JOB_NAMES: readonly string[] = Object.values(MAINTENANCE_JOBS);

/** Scheduled housekeeping that runs in the notifier process (it already holds a scheduler and a pool). */
export function maintenanceHandlers(deps: { db: Database; logger: Logger }): Handlers {
  return {
    [MAINTENANCE_JOBS.closeExpiredMissions]: async (job) => {
      // The scheduled run's date in France: a mission ending on the 22nd closes at 00:15 on the 23rd.
      const today = runDate(job);
      const closed = await closeExpiredMissions(deps.db, today);
      deps.logger.info({ today, closed: closed.length }, 'expired missions closed');
      return { closed: closed.length };
    },
    [MAINTENANCE_JOBS.purgeInactiveAccounts]: async () => {
      // Reminders go out through the outbox (account.inactivity_reminder), erasures are audited.
      const result = await purgeInactiveAccounts(deps.db, new Date());
      const counts = {
        reminded: result.reminded.length,
        erased: result.erased.length,
        reset: result.reset.length,
      };
      deps.logger.info(counts, 'inactive accounts purged');
      return counts;
    },
  };
}
