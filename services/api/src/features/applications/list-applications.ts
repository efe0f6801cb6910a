import { type DbOrTx, schema } from '@passerelle/db';
import type { MissionStatus } from '@passerelle/domain';
import { and, count, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { notFound } from '../../lib/errors';
import { type Cursor, decodeCursor, encodeCursor, queryFingerprint } from '../../lib/keyset-cursor';
import { type Actor, ownedBy } from '../missions/access';
import { applicationColumns, toApplication } from './read';
import type { applicantItem, myApplicationItem, PageQuery } from './schemas';

const { applications, missions, associations, users } = schema;

/** Printed by PostgreSQL, the timestamp keeps its microseconds: two applications of the same millisecond stay apart. */
const createdKey = sql<string>`${applications.createdAt}::text`;

function after(cursor: Cursor | undefined, direction: 'asc' | 'desc'): SQL | undefined {
  if (!cursor) return undefined;
  const op = direction === 'asc' ? sql`>` : sql`<`;
  return sql`(${applications.createdAt}, ${applications.id}) ${op} (cast(${cursor.key} as timestamptz), cast(${cursor.id} as uuid))`;
}

function page<R extends { id: string; key: string }>(rows: R[], limit: number, fingerprint: string) {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return {
    rows: kept,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ key: last.key, id: last.id }, fingerprint) : null,
  };
}

/**
 * The applicants of one of the caller's association's missions, first come first. Only here does
 * an association learn who a postier is: they chose to apply.
 */
export async function listMissionApplications(
  db: DbOrTx,
  input: { actor: Actor; missionId: string; query: PageQuery },
): Promise<{ items: z.infer<typeof applicantItem>[]; nextCursor: string | null; total: number }> {
  const { query } = input;
  const [mission] = await db
    .select({ id: missions.id })
    .from(missions)
    .where(and(eq(missions.id, input.missionId), ownedBy(input.actor)));
  if (!mission) throw notFound('Mission');

  const fingerprint = queryFingerprint({ ...query, missionId: mission.id });
  const cursor = query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined;
  const filter = and(
    eq(applications.missionId, mission.id),
    query.status ? eq(applications.status, query.status) : undefined,
  );
  const [rows, counted] = await Promise.all([
    db
      .select({
        ...applicationColumns,
        key: createdKey,
        applicantId: users.id,
        firstName: users.firstName,
        lastName: users.lastName,
        email: users.email,
      })
      .from(applications)
      .innerJoin(users, eq(users.id, applications.postierId))
      .where(and(filter, after(cursor, 'asc')))
      .orderBy(sql`${applications.createdAt} asc`, sql`${applications.id} asc`)
      .limit(query.limit + 1),
    db.select({ total: count() }).from(applications).where(filter),
  ]);
  const { rows: kept, nextCursor } = page(rows, query.limit, fingerprint);
  return {
    items: kept.map((r) => ({
      ...toApplication(r),
      applicant: { id: r.applicantId, firstName: r.firstName, lastName: r.lastName, email: r.email },
    })),
    nextCursor,
    total: counted[0]?.total ?? 0,
  };
}

/** The postier's own applications, newest first, with the mission and its association. */
export async function listMyApplications(
  db: DbOrTx,
  input: { postierId: string; query: PageQuery },
): Promise<{ items: z.infer<typeof myApplicationItem>[]; nextCursor: string | null; total: number }> {
  const { query } = input;
  const fingerprint = queryFingerprint(query);
  const cursor = query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined;
  const filter = and(
    eq(applications.postierId, input.postierId),
    query.status ? eq(applications.status, query.status) : undefined,
  );
  const [rows, counted] = await Promise.all([
    db
      .select({
        ...applicationColumns,
        key: createdKey,
        missionTitle: missions.title,
        missionStatus: missions.status,
        missionStartDate: missions.startDate,
        missionEndDate: missions.endDate,
        associationId: associations.id,
        associationName: associations.name,
      })
      .from(applications)
      .innerJoin(missions, eq(missions.id, applications.missionId))
      .innerJoin(associations, eq(associations.id, missions.associationId))
      .where(and(filter, after(cursor, 'desc')))
      .orderBy(sql`${applications.createdAt} desc`, sql`${applications.id} desc`)
      .limit(query.limit + 1),
    db.select({ total: count() }).from(applications).where(filter),
  ]);
  const { rows: kept, nextCursor } = page(rows, query.limit, fingerprint);
  return {
    items: kept.map((r) => ({
      ...toApplication(r),
      mission: {
        id: r.missionId,
        title: r.missionTitle,
        status: r.missionStatus as MissionStatus,
        startDate: r.missionStartDate,
        endDate: r.missionEndDate,
      },
      association: { id: r.associationId, name: r.associationName },
    })),
    nextCursor,
    total: counted[0]?.total ?? 0,
  };
}
