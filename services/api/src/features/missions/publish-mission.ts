import { type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import {
  canTransition,
  LABEL_STATUS_LABELS,
  type LabelStatus,
  MISSION_TRANSITIONS,
} from '@passerelle/domain';
import { eq } from 'drizzle-orm';
import { AppError, conflict } from '../../lib/errors';
import { type Actor, lockOwnMission } from './access';

const { missions, associations } = schema;

export interface PublishMissionInput {
  actor: Actor;
  missionId: string;
  today: string;
}

/** draft → published, only for a labelled association: the label is the Alliance Dynamique's guarantee. */
export async function publishMission(db: DbOrTx, input: PublishMissionInput): Promise<void> {
  await db.transaction(async (tx) => {
    const mission = await lockOwnMission(tx, input.missionId, input.actor);
    if (mission.status !== 'draft' || !canTransition(MISSION_TRANSITIONS, mission.status, 'published')) {
      throw conflict(
        'MISSION_NOT_PUBLISHABLE',
        `Only a draft can be published; this mission is ${mission.status}`,
      );
    }
    // FOR SHARE: a suspension decided while we publish waits for us, or we see it.
    const [association] = await tx
      .select({ labelStatus: associations.labelStatus })
      .from(associations)
      .where(eq(associations.id, mission.associationId))
      .for('share');
    const labelStatus = (association?.labelStatus ?? 'pending') as LabelStatus;
    if (labelStatus !== 'labelled') {
      throw new AppError(
        'ASSOCIATION_NOT_LABELLED',
        409,
        'Conflict',
        `Only an association labelled by the Alliance Dynamique can publish missions; yours is "${LABEL_STATUS_LABELS[labelStatus]}" (${labelStatus}). The mission stays a draft until the label is granted.`,
      );
    }
    if (mission.endDate < input.today) {
      throw conflict('MISSION_ENDED', 'This mission ends in the past: change its end date before publishing');
    }
    await tx
      .update(missions)
      .set({ status: 'published', publishedAt: new Date(), updatedAt: new Date() })
      .where(eq(missions.id, mission.id));
    await writeOutbox(tx, 'mission.published', { missionId: mission.id });
  });
}
