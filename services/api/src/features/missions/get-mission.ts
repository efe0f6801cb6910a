import { type DbOrTx, schema } from '@passerelle/db';
import type { MissionMode, MissionStatus } from '@passerelle/domain';
import { and, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { notFound } from '../../lib/errors';
import { type Actor, memberAssociationId } from './access';
import type { MissionDetail } from './schemas';

const {
  missions,
  missionSkills,
  skills,
  associations,
  domains,
  communes,
  departements,
  regions,
  applications,
} = schema;

/**
 * What anyone may read: a mission once published, even closed since. A draft is the association's
 * work in progress, and so is a draft closed without ever being published.
 */
export function isPublic(mission: MissionDetail): boolean {
  return (
    mission.status === 'published' ||
    mission.status === 'filled' ||
    (mission.status === 'closed' && mission.publishedAt !== null)
  );
}

type DetailRow = Awaited<ReturnType<typeof selectMissionDetails>>[number];

/** Every column a mission page shows, for the missions `where` selects. */
function selectMissionDetails(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      id: missions.id,
      title: missions.title,
      description: missions.description,
      status: missions.status,
      mode: missions.mode,
      domainCode: domains.code,
      domainLabel: domains.label,
      associationId: associations.id,
      associationName: associations.name,
      communeCode: communes.code,
      communeName: communes.name,
      departementCode: departements.code,
      departementName: departements.name,
      regionCode: regions.code,
      regionName: regions.name,
      startDate: missions.startDate,
      endDate: missions.endDate,
      hoursTotal: missions.hoursTotal,
      seats: missions.seats,
      seatsTaken: sql<number>`(select count(*) from ${applications} where ${applications.missionId} = ${missions.id} and ${applications.status} = 'accepted')::int`,
      // One round trip: the skills come back as a JSON array, already in reading order
      // (required first, then the most demanding).
      skills: sql<{ code: string; label: string; level: number; required: boolean }[]>`coalesce((
        select json_agg(json_build_object('code', s.code, 'label', s.label, 'level', ms.level, 'required', ms.required)
          order by ms.required desc, ms.level desc, s.label)
        from ${missionSkills} ms join ${skills} s on s.code = ms.skill_code
        where ms.mission_id = ${missions.id}), '[]'::json)`,
      publishedAt: missions.publishedAt,
      closedAt: missions.closedAt,
      createdAt: missions.createdAt,
      updatedAt: missions.updatedAt,
    })
    .from(missions)
    .innerJoin(associations, eq(associations.id, missions.associationId))
    .innerJoin(domains, eq(domains.code, missions.domainCode))
    .leftJoin(communes, eq(communes.code, missions.communeCode))
    .leftJoin(departements, eq(departements.code, communes.departementCode))
    .leftJoin(regions, eq(regions.code, communes.regionCode))
    .where(where);
}

function toMissionDetail(row: DetailRow): MissionDetail {
  const commune =
    row.communeCode &&
    row.communeName &&
    row.departementCode &&
    row.departementName &&
    row.regionCode &&
    row.regionName
      ? {
          code: row.communeCode,
          name: row.communeName,
          departement: { code: row.departementCode, name: row.departementName },
          region: { code: row.regionCode, name: row.regionName },
        }
      : null;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status as MissionStatus,
    mode: row.mode as MissionMode,
    domain: { code: row.domainCode, label: row.domainLabel },
    association: { id: row.associationId, name: row.associationName },
    commune,
    skills: row.skills,
    startDate: row.startDate,
    endDate: row.endDate,
    hoursTotal: row.hoursTotal,
    seats: row.seats,
    seatsTaken: row.seatsTaken,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The mission with everything a page shows, whatever its status: callers decide who may see it. */
export async function readMission(db: DbOrTx, missionId: string): Promise<MissionDetail | undefined> {
  const [row] = await selectMissionDetails(db, eq(missions.id, missionId));
  return row ? toMissionDetail(row) : undefined;
}

/** Open missions (published or filled), by id order from `afterId`: what every instance keeps warm. */
export async function readOpenMissions(
  db: DbOrTx,
  afterId: string | null,
  limit: number,
): Promise<MissionDetail[]> {
  const rows = await selectMissionDetails(
    db,
    and(inArray(missions.status, ['published', 'filled']), afterId ? gt(missions.id, afterId) : undefined),
  )
    .orderBy(missions.id)
    .limit(limit);
  return rows.map(toMissionDetail);
}

/** Public for published, filled and closed missions; a draft only for its association's members and admins. */
export async function getMission(
  db: DbOrTx,
  input: { missionId: string; viewer?: Actor },
): Promise<MissionDetail> {
  const mission = await readMission(db, input.missionId);
  if (!mission) throw notFound('Mission');
  if (isPublic(mission)) return mission;
  const { viewer } = input;
  if (viewer?.role === 'admin') return mission;
  if (
    viewer?.role === 'association' &&
    (await memberAssociationId(db, viewer.userId)) === mission.association.id
  ) {
    return mission;
  }
  throw notFound('Mission');
}

/** For routes that answer with the mission they just changed. */
export async function readMissionOrFail(db: DbOrTx, missionId: string): Promise<MissionDetail> {
  const mission = await readMission(db, missionId);
  if (!mission) throw notFound('Mission');
  return mission;
}
