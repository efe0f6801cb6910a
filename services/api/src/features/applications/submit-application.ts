import { type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import type { MissionStatus } from '@passerelle/domain';
import { eq } from 'drizzle-orm';
import { AppError, conflict, notFound } from '../../lib/errors';
import { missionNotOpen } from '../missions/access';

const { applications, missions } = schema;

export interface SubmitApplicationInput {
  postierId: string;
  missionId: string;
  motivation: string;
  today: string;
}

/** A postier applies to a published mission, once (a withdrawn application counts: it is their answer). */
export async function submitApplication(db: DbOrTx, input: SubmitApplicationInput): Promise<string> {
  return db.transaction(async (tx) => {
    // FOR SHARE: a close or the accept that fills the last seat waits for this insert, or happened before it.
    const [mission] = await tx
      .select({ id: missions.id, status: missions.status, endDate: missions.endDate })
      .from(missions)
      .where(eq(missions.id, input.missionId))
      .for('share');
    const status = mission?.status as MissionStatus | undefined;
    // A draft does not exist for a postier.
    if (!mission || !status || status === 'draft') throw notFound('Mission');
    if (status !== 'published') throw missionNotOpen(status);
    // Ended, but the nightly job has not closed it yet.
    if (mission.endDate < input.today) throw conflict('MISSION_NOT_OPEN', 'This mission has ended');

    const [created] = await tx
      .insert(applications)
      .values({ missionId: mission.id, postierId: input.postierId, motivation: input.motivation })
      .onConflictDoNothing({ target: [applications.missionId, applications.postierId] })
      .returning({ id: applications.id });
    if (!created) {
      throw new AppError('ALREADY_APPLIED', 409, 'Conflict', 'You have already applied to this mission');
    }
    await writeOutbox(tx, 'application.submitted', { applicationId: created.id });
    return created.id;
  });
}
