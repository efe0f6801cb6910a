import { type DbOrTx, schema } from '@passerelle/db';
import { associationRequired, memberAssociationId } from './access';
import { checkMissionRules } from './rules';
import type { CreateMissionBody } from './schemas';

const { missions, missionSkills } = schema;

export interface CreateMissionInput {
  userId: string;
  mission: CreateMissionBody;
  today: string;
}

/** A draft for the caller's association. Drafts are private: nobody needs to hear of them, so no outbox event. */
export async function createMission(db: DbOrTx, input: CreateMissionInput): Promise<string> {
  const { mission } = input;
  return db.transaction(async (tx) => {
    const associationId = await memberAssociationId(tx, input.userId);
    if (!associationId) throw associationRequired();
    const communeCode = mission.communeCode ?? null;
    await checkMissionRules(
      tx,
      { ...mission, communeCode, skillCodes: mission.skills.map((s) => s.code) },
      { today: input.today, checkEndDate: true, touched: new Set(Object.keys(mission)) },
    );
    const [created] = await tx
      .insert(missions)
      .values({
        associationId,
        title: mission.title,
        description: mission.description,
        domainCode: mission.domainCode,
        communeCode,
        mode: mission.mode,
        startDate: mission.startDate,
        endDate: mission.endDate,
        hoursTotal: mission.hoursTotal,
        seats: mission.seats,
        createdBy: input.userId,
      })
      .returning({ id: missions.id });
    if (!created) throw new Error('mission insert returned no row');
    await tx.insert(missionSkills).values(
      mission.skills.map((s) => ({
        missionId: created.id,
        skillCode: s.code,
        level: s.level,
        required: s.required,
      })),
    );
    return created.id;
  });
}
