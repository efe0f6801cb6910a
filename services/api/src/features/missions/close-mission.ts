import { type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import { canTransition, MISSION_TRANSITIONS } from '@passerelle/domain';
import { eq } from 'drizzle-orm';
import { conflict } from '../../lib/errors';
import { type Actor, lockOwnMission } from './access';

const { missions } = schema;

export interface CloseMissionInput {
  actor: Actor;
  missionId: string;
}

/**
 * Any open state → closed: no new application from then on. Closed missions stay readable.
 * Admins may close any mission (moderation); members only their association's.
 */
export async function closeMission(db: DbOrTx, input: CloseMissionInput): Promise<void> {
  await db.transaction(async (tx) => {
    const mission = await lockOwnMission(tx, input.missionId, input.actor);
    if (!canTransition(MISSION_TRANSITIONS, mission.status, 'closed')) {
      throw conflict('MISSION_ALREADY_CLOSED', 'This mission is already closed');
    }
    const now = new Date();
    await tx
      .update(missions)
      .set({ status: 'closed', closedAt: now, updatedAt: now })
      .where(eq(missions.id, mission.id));
    await writeOutbox(tx, 'mission.closed', { missionId: mission.id });
  });
}
