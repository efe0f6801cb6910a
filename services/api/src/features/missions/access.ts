import { type DbOrTx, schema } from '@passerelle/db';
import type { MissionStatus, Role } from '@passerelle/domain';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors';

const { missions, associationMembers } = schema;

/** Who acts: the verbs never trust an association id from the request, only the caller's membership. */
export interface Actor {
  userId: string;
  role: Role;
}

/** The association the member belongs to, or undefined (an account that has not registered one yet). */
export async function memberAssociationId(db: DbOrTx, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ associationId: associationMembers.associationId })
    .from(associationMembers)
    .where(eq(associationMembers.userId, userId))
    .limit(1);
  return row?.associationId;
}

/** The tenant filter: the mission belongs to the caller's association. Admins act on any mission. */
export function ownedBy(actor: Actor) {
  if (actor.role === 'admin') return sql`true`;
  return sql`${missions.associationId} = (select ${associationMembers.associationId} from ${associationMembers} where ${associationMembers.userId} = ${actor.userId})`;
}

export interface LockedMission {
  id: string;
  associationId: string;
  status: MissionStatus;
  domainCode: string;
  startDate: string;
  endDate: string;
  mode: string;
  communeCode: string | null;
  seats: number;
}

/**
 * The caller's mission, row-locked until the transaction ends: every write on a mission takes this
 * lock first, so an accept, an edit of the seats and a close are serialised and always see the
 * latest status. Someone else's mission is a 404, as if it did not exist.
 */
export function lockOwnMission(tx: DbOrTx, missionId: string, actor: Actor): Promise<LockedMission> {
  return lockMission(tx, and(eq(missions.id, missionId), ownedBy(actor)));
}

/** The same lock, for a caller whose access was checked another way (the postier of an application). */
export function lockMissionById(tx: DbOrTx, missionId: string): Promise<LockedMission> {
  return lockMission(tx, eq(missions.id, missionId));
}

async function lockMission(tx: DbOrTx, where: SQL | undefined): Promise<LockedMission> {
  const [row] = await tx
    .select({
      id: missions.id,
      associationId: missions.associationId,
      status: missions.status,
      domainCode: missions.domainCode,
      startDate: missions.startDate,
      endDate: missions.endDate,
      mode: missions.mode,
      communeCode: missions.communeCode,
      seats: missions.seats,
    })
    .from(missions)
    .where(where)
    .for('update');
  if (!row) throw notFound('Mission');
  return { ...row, status: row.status as MissionStatus };
}

export const associationRequired = () =>
  new AppError(
    'ASSOCIATION_REQUIRED',
    409,
    'Conflict',
    'Your account is not a member of an association yet: register the association first',
  );

export const missionNotOpen = (status: MissionStatus) =>
  new AppError(
    'MISSION_NOT_OPEN',
    409,
    'Conflict',
    status === 'filled'
      ? 'This mission has no seat left'
      : status === 'closed'
        ? 'This mission is closed'
        : 'This mission is not published',
  );
