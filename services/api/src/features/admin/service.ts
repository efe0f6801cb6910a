import { type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import { canTransition, LABEL_TRANSITIONS, type LabelStatus } from '@passerelle/domain';
import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { conflict, notFound, unprocessable } from '../../lib/errors';
import { after, decodeCursor, micros, toPage } from '../../lib/pagination';
import {
  type AssociationRow,
  domainCodes,
  loadAssociation,
  toAssociationResponse,
} from '../associations/service';
import type { LabelDecision } from './schemas';

const { associations, associationMembers, auditLog, communes, users } = schema;

/** The admin view always carries the label file, and how many members the association has. */
function toAdminAssociation(row: AssociationRow, memberCount: number) {
  return {
    ...toAssociationResponse(row, 'admin'),
    // The column's CHECK constraint holds it to LABEL_STATUSES.
    labelStatus: row.labelStatus as LabelStatus,
    labelReason: row.labelReason,
    labelDecidedAt: row.labelDecidedAt ? row.labelDecidedAt.toISOString() : null,
    memberCount,
  };
}

/**
 * Associations for the Alliance Dynamique team, oldest first: the pending queue is worked in the
 * order the requests came in.
 */
export async function listAssociationsForAdmin(
  db: DbOrTx,
  query: { limit: number; cursor?: string; status?: LabelStatus; region?: string },
) {
  const position = query.cursor ? decodeCursor(query.cursor) : undefined;
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(associations.labelStatus, query.status));
  if (query.region) conditions.push(eq(communes.regionCode, query.region));
  const filter = and(...conditions);
  const rows = await db
    .select({
      id: associations.id,
      name: associations.name,
      rna: associations.rna,
      siret: associations.siret,
      description: associations.description,
      communeCode: associations.communeCode,
      communeName: communes.name,
      departementCode: communes.departementCode,
      regionCode: communes.regionCode,
      domains: domainCodes,
      memberCount: sql<number>`(select count(*) from ${associationMembers} am where am.association_id = ${associations.id})::int`,
      labelStatus: associations.labelStatus,
      labelReason: associations.labelReason,
      labelDecidedAt: associations.labelDecidedAt,
      createdAt: associations.createdAt,
      position: micros(associations.createdAt),
    })
    .from(associations)
    .innerJoin(communes, eq(communes.code, associations.communeCode))
    .where(position ? and(filter, after(associations.createdAt, associations.id, position, 'asc')) : filter)
    .orderBy(asc(associations.createdAt), asc(associations.id))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(associations)
    .innerJoin(communes, eq(communes.code, associations.communeCode))
    .where(filter);
  const page = toPage(rows, query.limit);
  return {
    items: page.rows.map(({ position: _position, memberCount, ...row }) =>
      toAdminAssociation(row, memberCount),
    ),
    nextCursor: page.nextCursor,
    total,
  };
}

const EVENT_OF: Record<LabelDecision, string> = {
  labelled: 'association.labelled',
  rejected: 'association.rejected',
  suspended: 'association.suspended',
};

/**
 * An admin labels, rejects, suspends or re-labels an association, following LABEL_TRANSITIONS.
 * The decision, its audit entry and the event that tells the members are one transaction.
 */
export async function decideLabel(
  db: DbOrTx,
  actorId: string,
  associationId: string,
  input: { decision: LabelDecision; reason?: string },
): Promise<void> {
  const reason = input.reason ? input.reason : null;
  if (input.decision !== 'labelled' && reason === null) {
    throw unprocessable(
      'REASON_REQUIRED',
      'body.reason',
      'A reason is required to reject or suspend an association: its members receive it',
    );
  }
  await db.transaction(async (tx) => {
    // Locked: two admins deciding at once must not both pass the transition check.
    const [current] = await tx
      .select({ labelStatus: associations.labelStatus })
      .from(associations)
      .where(eq(associations.id, associationId))
      .for('update');
    if (!current) throw notFound('Association');
    // The column's CHECK constraint holds it to LABEL_STATUSES.
    const from = current.labelStatus as LabelStatus;
    if (!canTransition(LABEL_TRANSITIONS, from, input.decision)) {
      throw conflict(
        'LABEL_TRANSITION_NOT_ALLOWED',
        `An association whose label is ${from} cannot become ${input.decision}`,
      );
    }
    await tx
      .update(associations)
      .set({
        labelStatus: input.decision,
        labelReason: reason,
        labelDecidedAt: new Date(),
        labelDecidedBy: actorId,
        updatedAt: new Date(),
      })
      .where(eq(associations.id, associationId));
    await tx.insert(auditLog).values({
      actorUserId: actorId,
      action: 'association.label',
      entityType: 'association',
      entityId: associationId,
      details: { from, to: input.decision, reason },
    });
    await writeOutbox(tx, EVENT_OF[input.decision], { associationId });
  });
}

export async function associationForAdmin(db: DbOrTx, associationId: string) {
  const row = await loadAssociation(db, associationId);
  if (!row) throw notFound('Association');
  const [{ memberCount } = { memberCount: 0 }] = await db
    .select({ memberCount: count() })
    .from(associationMembers)
    .where(eq(associationMembers.associationId, associationId));
  return toAdminAssociation(row, memberCount);
}

/** The audit trail, newest first, optionally of one entity. */
export async function listAuditLog(
  db: DbOrTx,
  query: { limit: number; cursor?: string; entityType?: string; entityId?: string },
) {
  const position = query.cursor ? decodeCursor(query.cursor) : undefined;
  const conditions: SQL[] = [];
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  const filter = and(...conditions);
  const rows = await db
    .select({
      id: auditLog.id,
      actorUserId: auditLog.actorUserId,
      actorFirstName: users.firstName,
      actorLastName: users.lastName,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      position: micros(auditLog.createdAt),
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(position ? and(filter, after(auditLog.createdAt, auditLog.id, position, 'desc')) : filter)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(auditLog).where(filter);
  const page = toPage(rows, query.limit);
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      actorUserId: row.actorUserId,
      actorName:
        row.actorFirstName === null ? null : `${row.actorFirstName} ${row.actorLastName ?? ''}`.trim(),
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      details: isRecord(row.details) ? row.details : {},
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
    total,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
