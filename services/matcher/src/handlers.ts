import type { Database } from '@passerelle/db';
import type { Handlers, Logger } from '@passerelle/queue';

/** Events the matcher consumes (filled in by the matching work). */
export const MATCHING_JOB_NAMES = ['mission.published', 'mission.updated', 'profile.updated'] as const;

export function handlers(_deps: { db: Database; logger: Logger }): Handlers {
  const pending = async () => undefined;
  return Object.fromEntries(MATCHING_JOB_NAMES.map((name) => [name, pending]));
}
