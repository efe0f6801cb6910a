import { type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import { canTransition, MISSION_TRANSITIONS, type MissionStatus } from '@passerelle/domain';
import { and, count, eq } from 'drizzle-orm';

const { applications, missions } = schema;

export async function acceptedCount(db: DbOrTx, missionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(applications)
    .where(and(eq(applications.missionId, missionId), eq(applications.status, 'accepted')));
  return row?.n ?? 0;
}

/**
 * Keeps `filled` true to the seats: full → filled (announced), a seat free again → published.
 * Callers hold the mission's row lock (lockOwnMission / FOR UPDATE), so the count cannot move
 * under them. Returns the status the mission ends with.
 */
export async function settleSeats(
  tx: DbOrTx,
  mission: { id: string; status: MissionStatus; seats: number },
  /** The accepted count when the caller just computed it under the same lock. */
  knownAccepted?: number,
): Promise<MissionStatus> {
  if (mission.status !== 'published' && mission.status !== 'filled') return mission.status;
  const accepted = knownAccepted ?? (await acceptedCount(tx, mission.id));
  const next: MissionStatus = accepted >= mission.seats ? 'filled' : 'published';
  if (next === mission.status || !canTransition(MISSION_TRANSITIONS, mission.status, next))
    return mission.status;
  await tx.update(missions).set({ status: next, updatedAt: new Date() }).where(eq(missions.id, mission.id));
  if (next === 'filled') await writeOutbox(tx, 'mission.filled', { missionId: mission.id });
  return next;
}
