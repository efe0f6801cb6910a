import { type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import { APPLICATION_TRANSITIONS, canTransition } from '@passerelle/domain';
import { and, eq } from 'drizzle-orm';
import { notFound } from '../../lib/errors';
import { lockMissionById } from '../missions/access';
import { settleSeats } from '../missions/seats';
import { lockApplication, transitionRefused } from './decide-application';

const { applications } = schema;

export interface WithdrawInput {
  postierId: string;
  applicationId: string;
}

/**
 * The postier takes their application back, before or after it was accepted. An accepted one frees
 * its seat: a filled mission is published again, in the same transaction.
 */
export async function withdrawApplication(db: DbOrTx, input: WithdrawInput): Promise<void> {
  await db.transaction(async (tx) => {
    const [own] = await tx
      .select({ missionId: applications.missionId })
      .from(applications)
      .where(and(eq(applications.id, input.applicationId), eq(applications.postierId, input.postierId)));
    if (!own) throw notFound('Application');
    const mission = await lockMissionById(tx, own.missionId);
    const application = await lockApplication(tx, input.applicationId);
    if (!canTransition(APPLICATION_TRANSITIONS, application.status, 'withdrawn')) {
      throw transitionRefused(application.status, 'withdrawn');
    }
    await tx
      .update(applications)
      .set({ status: 'withdrawn', updatedAt: new Date() })
      .where(eq(applications.id, application.id));
    await writeOutbox(tx, 'application.withdrawn', { applicationId: application.id });
    if (application.status === 'accepted') await settleSeats(tx, mission);
  });
}
