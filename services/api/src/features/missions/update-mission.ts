import { type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import { eq } from 'drizzle-orm';
import { AppError, conflict } from '../../lib/errors';
import { type Actor, lockOwnMission } from './access';
import { checkMissionRules } from './rules';
import type { UpdateMissionBody } from './schemas';
import { acceptedCount, settleSeats } from './seats';

const { missions, missionSkills } = schema;

export interface UpdateMissionInput {
  actor: Actor;
  missionId: string;
  changes: UpdateMissionBody;
  today: string;
}

/**
 * Drafts change freely. A live mission (published or filled) can be corrected too, and the change
 * is announced (`mission.updated`) so the matcher re-ranks; a closed mission is history.
 */
export async function updateMission(db: DbOrTx, input: UpdateMissionInput): Promise<void> {
  const { changes } = input;
  await db.transaction(async (tx) => {
    const current = await lockOwnMission(tx, input.missionId, input.actor);
    if (current.status === 'closed')
      throw conflict('MISSION_CLOSED', 'A closed mission can no longer be edited');

    const touched = new Set(Object.keys(changes));
    await checkMissionRules(
      tx,
      {
        domainCode: changes.domainCode ?? current.domainCode,
        // Only checked when the request sends skills: the stored ones were checked when written.
        skillCodes: changes.skills?.map((s) => s.code) ?? [],
        communeCode: changes.communeCode !== undefined ? changes.communeCode : current.communeCode,
        mode: changes.mode ?? current.mode,
        startDate: changes.startDate ?? current.startDate,
        endDate: changes.endDate ?? current.endDate,
      },
      { today: input.today, checkEndDate: touched.has('endDate'), touched },
    );
    if (changes.seats !== undefined && current.status !== 'draft') {
      const accepted = await acceptedCount(tx, current.id);
      if (changes.seats < accepted) {
        throw new AppError(
          'SEATS_BELOW_ACCEPTED',
          422,
          'Unprocessable Content',
          `${accepted} participants are already accepted: keep at least ${accepted} seats`,
          [{ field: 'body.seats', message: `at least ${accepted}` }],
        );
      }
    }

    const { skills, ...columns } = changes;
    await tx
      .update(missions)
      .set({ ...columns, updatedAt: new Date() })
      .where(eq(missions.id, current.id));
    if (skills) {
      await tx.delete(missionSkills).where(eq(missionSkills.missionId, current.id));
      await tx.insert(missionSkills).values(
        skills.map((s) => ({
          missionId: current.id,
          skillCode: s.code,
          level: s.level,
          required: s.required,
        })),
      );
    }

    if (current.status === 'draft') return;
    await writeOutbox(tx, 'mission.updated', { missionId: current.id });
    if (changes.seats !== undefined) await settleSeats(tx, { ...current, seats: changes.seats });
  });
}
