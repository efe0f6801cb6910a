import { type Database, type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import { canTransition, HR_TRANSITIONS, type HrStatus } from '@passerelle/domain';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { conflict, notFound } from '../../lib/errors';
import { decodeCursor, encodeCursor } from '../../lib/keyset-cursor';
import type { Actor } from '../missions/access';
import { parisToday } from '../missions/rules';
import { audit } from './audit';
import { postierInScope, quotaStatuses, yearOf } from './scope';

const { applications, missions, associations, users } = schema;

export interface HrDecisionInput {
  actor: Actor;
  applicationId: string;
  decision: 'approved' | 'refused';
  comment: string;
}

/** pending → approved | refused, by HR of the postier's scope (or an admin); audited and announced. */
export async function decideHr(db: Database, input: HrDecisionInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: applications.id, status: applications.status, hrStatus: applications.hrStatus })
      .from(applications)
      .where(
        and(eq(applications.id, input.applicationId), postierInScope(input.actor, applications.postierId)),
      )
      .for('update');
    if (!row) throw notFound('Application');
    const from = row.hrStatus as HrStatus | null;
    if (row.status !== 'accepted' || from === null || !canTransition(HR_TRANSITIONS, from, input.decision)) {
      throw conflict(
        'HR_DECISION_REFUSED',
        from && from !== 'pending'
          ? `HR has already decided on this participation (${from})`
          : 'Only an accepted participation waiting for HR can be decided',
      );
    }
    const now = new Date();
    const comment = input.comment === '' ? null : input.comment;
    await tx
      .update(applications)
      .set({
        hrStatus: input.decision,
        hrComment: comment,
        hrDecidedAt: now,
        hrDecidedBy: input.actor.userId,
        updatedAt: now,
      })
      .where(eq(applications.id, row.id));
    await writeOutbox(tx, 'application.hr_decided', { applicationId: row.id });
    await audit(tx, {
      actorUserId: input.actor.userId,
      action: `application.hr_${input.decision}`,
      entityType: 'application',
      entityId: row.id,
      details: { decision: input.decision, comment },
    });
    return {
      id: row.id,
      status: row.status,
      hrStatus: input.decision,
      hrComment: comment,
      hrDecidedAt: now.toISOString(),
    };
  });
}

/** Accepted participations waiting for HR in the caller's scope, oldest acceptance first. */
export async function listApprovals(db: DbOrTx, actor: Actor, query: { limit: number; cursor?: string }) {
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const scope = and(
    eq(applications.status, 'accepted'),
    eq(applications.hrStatus, 'pending'),
    postierInScope(actor, applications.postierId),
  );
  const sortKey = sql<string>`coalesce(${applications.decidedAt}, ${applications.createdAt})`;
  const after = cursor
    ? sql`(${sortKey}, ${applications.id}) > (${cursor.key}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  const rows = await db
    .select({
      applicationId: applications.id,
      acceptedAt: applications.decidedAt,
      sortKey: sql<string>`${sortKey}::text`,
      missionId: missions.id,
      title: missions.title,
      startDate: missions.startDate,
      endDate: missions.endDate,
      hoursTotal: missions.hoursTotal,
      associationId: associations.id,
      associationName: associations.name,
      postierId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
    })
    .from(applications)
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .innerJoin(associations, eq(associations.id, missions.associationId))
    .innerJoin(users, eq(users.id, applications.postierId))
    .where(and(scope, after))
    .orderBy(asc(sortKey), asc(applications.id))
    .limit(query.limit + 1);
  const [totalRow] = await db.select({ total: count() }).from(applications).where(scope);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  // The quota that matters is the one of the year the mission starts (or this year, if already begun).
  const year = yearOf(parisToday());
  const quotas = await quotaStatuses(db, [...new Set(page.map((r) => r.postierId))], year);
  return {
    items: page.map((r) => ({
      applicationId: r.applicationId,
      mission: {
        id: r.missionId,
        title: r.title,
        startDate: r.startDate,
        endDate: r.endDate,
        hoursTotal: r.hoursTotal,
      },
      association: { id: r.associationId, name: r.associationName },
      postier: { id: r.postierId, firstName: r.firstName, lastName: r.lastName },
      acceptedAt: r.acceptedAt?.toISOString() ?? null,
      remainingQuotaHours: quotas.get(r.postierId)?.remaining ?? 0,
    })),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ key: last.sortKey, id: last.applicationId }) : null,
    total: totalRow?.total ?? 0,
  };
}
