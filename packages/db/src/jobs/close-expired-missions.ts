import { and, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { writeOutbox } from '../outbox';
import { missions } from '../schema/index';

/**
 * Closes the live missions (published or filled) whose end date is before `today` (a 'YYYY-MM-DD'
 * date in France, given by the caller: this package reads no clock), each announced with
 * `mission.closed`, all in one transaction. Idempotent: a second run finds nothing left to close,
 * and a mission a member closed meanwhile is not closed (nor announced) twice. Returns the ids closed.
 */
export async function closeExpiredMissions(db: DbOrTx, today: string): Promise<string[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
    throw new Error(`closeExpiredMissions: "${today}" is not a YYYY-MM-DD date`);
  return db.transaction(async (tx) => {
    const now = new Date();
    // One UPDATE takes the row locks and re-checks the status: a concurrent close or accept either
    // committed before (and is seen) or waits for us.
    const closed = await tx
      .update(missions)
      .set({ status: 'closed', closedAt: now, updatedAt: now })
      .where(and(inArray(missions.status, ['published', 'filled']), lt(missions.endDate, today)))
      .returning({ id: missions.id });
    for (const { id } of closed) await writeOutbox(tx, 'mission.closed', { missionId: id });
    return closed.map((m) => m.id).sort();
  });
}
