import { type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import { APPLICATION_TRANSITIONS, type ApplicationStatus, canTransition } from '@passerelle/domain';
import { and, eq } from 'drizzle-orm';
import { conflict, notFound } from '../../lib/errors';
import { type Actor, lockOwnMission, missionNotOpen, ownedBy } from '../missions/access';
import { acceptedCount, settleSeats } from '../missions/seats';

const { applications, missions } = schema;

export interface DecisionInput {
  actor: Actor;
  applicationId: string;
}

/** The mission of an application to one of the caller's association's missions; anything else is a 404. */
async function managedMissionId(tx: DbOrTx, applicationId: string, actor: Actor): Promise<string> {
  const [row] = await tx
    .select({ missionId: applications.missionId })
    .from(applications)
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .where(and(eq(applications.id, applicationId), ownedBy(actor)));
  if (!row) throw notFound('Application');
  return row.missionId;
}

/** Locked after its mission (always in that order, so two verbs never wait on each other crosswise). */
export async function lockApplication(tx: DbOrTx, applicationId: string) {
  const [row] = await tx
    .select({ id: applications.id, status: applications.status, postierId: applications.postierId })
    .from(applications)
    .where(eq(applications.id, applicationId))
    .for('update');
  if (!row) throw notFound('Application');
  return { ...row, status: row.status as ApplicationStatus };
}

export const transitionRefused = (from: ApplicationStatus, action: string) =>
  conflict('APPLICATION_TRANSITION_REFUSED', `An application that is ${from} cannot be ${action}`);

/**
 * submitted → accepted, the work time now waiting for HR. The mission's row lock makes the seat
 * count exact: two members accepting the last seat at once get one 200 and one 409, and the
 * accept that takes the last seat marks the mission filled in the same transaction.
 */
export async function acceptApplication(db: DbOrTx, input: DecisionInput): Promise<void> {
  await db.transaction(async (tx) => {
    const missionId = await managedMissionId(tx, input.applicationId, input.actor);
    const mission = await lockOwnMission(tx, missionId, input.actor);
    const application = await lockApplication(tx, input.applicationId);
    if (!canTransition(APPLICATION_TRANSITIONS, application.status, 'accepted')) {
      throw transitionRefused(application.status, 'accepted');
    }
    if (mission.status !== 'published') throw missionNotOpen(mission.status);
    const accepted = await acceptedCount(tx, mission.id);
    if (accepted >= mission.seats) throw missionNotOpen('filled');

    const now = new Date();
    await tx
      .update(applications)
      .set({
        status: 'accepted',
        hrStatus: 'pending',
        decidedAt: now,
        decidedBy: input.actor.userId,
        updatedAt: now,
      })
      .where(eq(applications.id, application.id));
    await writeOutbox(tx, 'application.accepted', { applicationId: application.id });
    await settleSeats(tx, mission, accepted + 1);
  });
}

/** submitted → declined, with the reason the postier will read. */
export async function declineApplication(
  db: DbOrTx,
  input: DecisionInput & { reason: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await managedMissionId(tx, input.applicationId, input.actor);
    const application = await lockApplication(tx, input.applicationId);
    if (!canTransition(APPLICATION_TRANSITIONS, application.status, 'declined')) {
      throw transitionRefused(application.status, 'declined');
    }
    const now = new Date();
    await tx
      .update(applications)
      .set({
        status: 'declined',
        decisionReason: input.reason,
        decidedAt: now,
        decidedBy: input.actor.userId,
        updatedAt: now,
      })
      .where(eq(applications.id, application.id));
    await writeOutbox(tx, 'application.declined', { applicationId: application.id });
  });
}
