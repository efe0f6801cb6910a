import type { Database } from '@passerelle/db';
import type { Handlers, Logger } from '@passerelle/queue';

/** Events the notifier turns into emails (filled in by the notifier work). */
export const NOTIFICATION_JOB_NAMES = ['user.registered'] as const;

export function handlers(_deps: { db: Database; logger: Logger }): Handlers {
  const pending = async () => undefined;
  return Object.fromEntries(NOTIFICATION_JOB_NAMES.map((name) => [name, pending]));
}
