import { type Database, type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import {
  canTransition,
  checkTimeEntry,
  TIME_ENTRY_TRANSITIONS,
  type TimeEntryStatus,
} from '@passerelle/domain';
import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { conflict, notFound, unprocessable } from '../../lib/errors';
import { decodeCursor, encodeCursor } from '../../lib/keyset-cursor';
import { type Actor, ownedBy } from '../missions/access';
import { audit } from './audit';
import type { TimeEntryResponse } from './schemas';
import { postierInScope, quotaStatus, yearOf } from './scope';

const { applications, missions, timeEntries, users } = schema;

const entryColumns = {
  id: timeEntries.id,
  applicationId: timeEntries.applicationId,
  date: timeEntries.date,
  hours: timeEntries.hours,
  note: timeEntries.note,
  status: timeEntries.status,
  rejectionReason: timeEntries.rejectionReason,
  confirmedAt: timeEntries.confirmedAt,
  validatedAt: timeEntries.validatedAt,
  createdAt: timeEntries.createdAt,
};

interface EntryRow {
  id: string;
  applicationId: string;
  date: string;
  hours: string;
  note: string;
  status: string;
  rejectionReason: string | null;
  confirmedAt: Date | null;
  validatedAt: Date | null;
  createdAt: Date;
}

export function toTimeEntry(row: EntryRow): TimeEntryResponse {
  return {
    id: row.id,
    applicationId: row.applicationId,
    date: row.date,
    hours: Number(row.hours),
    note: row.note,
    status: row.status as TimeEntryStatus,
    rejectionReason: row.rejectionReason,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    validatedAt: row.validatedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function readTimeEntry(db: DbOrTx, id: string): Promise<TimeEntryResponse> {
  const [row] = await db.select(entryColumns).from(timeEntries).where(eq(timeEntries.id, id));
  if (!row) throw notFound('Time entry');
  return toTimeEntry(row);
}

export interface LogTimeEntryInput {
  postierId: string;
  applicationId: string;
  date: string;
  hours: number;
  note: string;
  today: string;
}

/**
 * The postier of an HR-approved participation logs a day's hours. Each rule refused is a 422 naming
 * it. The postier's entries are serialised (advisory lock), so two entries sent at once cannot
 * together pass the 10 h a day or the quota.
 */
export async function logTimeEntry(db: Database, input: LogTimeEntryInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [participation] = await tx
      .select({
        id: applications.id,
        status: applications.status,
        hrStatus: applications.hrStatus,
        startDate: missions.startDate,
        endDate: missions.endDate,
      })
      .from(applications)
      .innerJoin(missions, eq(missions.id, applications.missionId))
      .where(and(eq(applications.id, input.applicationId), eq(applications.postierId, input.postierId)));
    if (!participation) throw notFound('Application');
    if (participation.status !== 'accepted' || participation.hrStatus !== 'approved') {
      throw conflict(
        'PARTICIPATION_NOT_APPROVED',
        'Hours can be logged once HR has approved the participation',
      );
    }
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`time-entries:${input.postierId}`}, 0))`,
    );
    const [day] = await tx
      .select({ hours: sql<string>`coalesce(sum(${timeEntries.hours}), 0)` })
      .from(timeEntries)
      .innerJoin(applications, eq(applications.id, timeEntries.applicationId))
      .where(
        and(
          eq(applications.postierId, input.postierId),
          eq(timeEntries.date, input.date),
          ne(timeEntries.status, 'rejected'),
        ),
      );
    const quota = await quotaStatus(tx, input.postierId, yearOf(input.date));
    const violation = checkTimeEntry({
      date: input.date,
      hours: input.hours,
      today: input.today,
      missionStart: participation.startDate,
      missionEnd: participation.endDate,
      hoursThatDay: Number(day?.hours ?? 0),
      remaining: quota.remaining,
    });
    if (violation) throw unprocessable(violation.code, `body.${violation.field}`, violation.message);
    const [created] = await tx
      .insert(timeEntries)
      .values({
        applicationId: participation.id,
        date: input.date,
        hours: String(input.hours),
        note: input.note,
      })
      .returning({ id: timeEntries.id });
    if (!created) throw new Error('time entry insert returned no row');
    await writeOutbox(tx, 'time_entry.submitted', { timeEntryId: created.id });
    return created.id;
  });
}

export async function listMyTimeEntries(db: DbOrTx, postierId: string, year: number) {
  const rows = await db
    .select({ ...entryColumns, missionId: missions.id, missionTitle: missions.title })
    .from(timeEntries)
    .innerJoin(applications, eq(applications.id, timeEntries.applicationId))
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .where(
      and(
        eq(applications.postierId, postierId),
        sql`${timeEntries.date} >= make_date(${year}::int, 1, 1) and ${timeEntries.date} < make_date(${year}::int + 1, 1, 1)`,
      ),
    )
    .orderBy(desc(timeEntries.date), desc(timeEntries.createdAt));
  return {
    quota: await quotaStatus(db, postierId, year),
    items: rows.map((r) => ({ ...toTimeEntry(r), mission: { id: r.missionId, title: r.missionTitle } })),
  };
}

const transitionRefused = (from: TimeEntryStatus, to: TimeEntryStatus) =>
  conflict('TIME_ENTRY_TRANSITION_REFUSED', `A time entry that is ${from} cannot become ${to}`);

/** The entry, row-locked, if `visible` lets the caller see it; anything else is a 404. */
async function lockEntry(tx: DbOrTx, id: string, visible: SQL) {
  const [row] = await tx
    .select({ id: timeEntries.id, status: timeEntries.status })
    .from(timeEntries)
    .innerJoin(applications, eq(applications.id, timeEntries.applicationId))
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .where(and(eq(timeEntries.id, id), visible))
    .for('update', { of: timeEntries });
  if (!row) throw notFound('Time entry');
  return { id: row.id, status: row.status as TimeEntryStatus };
}

/** An association member of the mission's association confirms (submitted → confirmed) or disputes it. */
export async function associationReview(
  db: Database,
  input: { actor: Actor; id: string; outcome: 'confirmed' | 'rejected'; reason?: string },
) {
  await db.transaction(async (tx) => {
    const entry = await lockEntry(tx, input.id, ownedBy(input.actor));
    if (entry.status !== 'submitted' || !canTransition(TIME_ENTRY_TRANSITIONS, entry.status, input.outcome)) {
      throw transitionRefused(entry.status, input.outcome);
    }
    const now = new Date();
    await tx
      .update(timeEntries)
      .set(
        input.outcome === 'confirmed'
          ? { status: 'confirmed', confirmedAt: now, confirmedBy: input.actor.userId, updatedAt: now }
          : { status: 'rejected', rejectionReason: input.reason ?? null, updatedAt: now },
      )
      .where(eq(timeEntries.id, entry.id));
    await writeOutbox(tx, `time_entry.${input.outcome}`, { timeEntryId: entry.id });
    await audit(tx, {
      actorUserId: input.actor.userId,
      action: input.outcome === 'confirmed' ? 'time_entry.confirmed' : 'time_entry.disputed',
      entityType: 'time_entry',
      entityId: entry.id,
      details: input.reason ? { reason: input.reason } : {},
    });
  });
}

async function hrReviewIn(
  tx: DbOrTx,
  actor: Actor,
  entry: { id: string; status: TimeEntryStatus },
  outcome: 'validated' | 'rejected',
  reason?: string,
) {
  if (!canTransition(TIME_ENTRY_TRANSITIONS, entry.status, outcome))
    throw transitionRefused(entry.status, outcome);
  const now = new Date();
  await tx
    .update(timeEntries)
    .set(
      outcome === 'validated'
        ? { status: 'validated', validatedAt: now, validatedBy: actor.userId, updatedAt: now }
        : { status: 'rejected', rejectionReason: reason ?? null, updatedAt: now },
    )
    .where(eq(timeEntries.id, entry.id));
  await writeOutbox(tx, `time_entry.${outcome}`, { timeEntryId: entry.id });
  await audit(tx, {
    actorUserId: actor.userId,
    action: `time_entry.${outcome}`,
    entityType: 'time_entry',
    entityId: entry.id,
    details: reason ? { reason } : {},
  });
}

/** HR of the postier's scope (or an admin): confirmed → validated, or submitted|confirmed → rejected. */
export async function hrReview(
  db: Database,
  input: { actor: Actor; id: string; outcome: 'validated' | 'rejected'; reason?: string },
) {
  await db.transaction(async (tx) => {
    const entry = await lockEntry(tx, input.id, postierInScope(input.actor, applications.postierId));
    await hrReviewIn(tx, input.actor, entry, input.outcome, input.reason);
  });
}

/** Validates every confirmed entry of the list in scope, in one transaction; says which were skipped and why. */
export async function bulkValidate(db: Database, actor: Actor, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: timeEntries.id, status: timeEntries.status })
      .from(timeEntries)
      .innerJoin(applications, eq(applications.id, timeEntries.applicationId))
      .where(and(inArray(timeEntries.id, unique), postierInScope(actor, applications.postierId)))
      .orderBy(asc(timeEntries.id))
      .for('update', { of: timeEntries });
    const found = new Map(rows.map((r) => [r.id, r.status as TimeEntryStatus]));
    const validated: string[] = [];
    const skipped: { id: string; reason: 'not_found' | 'not_confirmed' }[] = [];
    for (const id of unique) {
      const status = found.get(id);
      if (!status) skipped.push({ id, reason: 'not_found' });
      else if (status !== 'confirmed') skipped.push({ id, reason: 'not_confirmed' });
      else {
        await hrReviewIn(tx, actor, { id, status }, 'validated');
        validated.push(id);
      }
    }
    return { validated, skipped };
  });
}

/**
 * One page of time entries matching `filter`, oldest first (the order they are handled in), with
 * their mission and postier. Each list decides what of the postier its readers may see.
 */
export async function timeEntryPage(
  db: DbOrTx,
  filter: SQL | undefined,
  query: { limit: number; cursor?: string },
) {
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const after = cursor
    ? sql`(${timeEntries.createdAt}, ${timeEntries.id}) > (${cursor.key}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  const rows = await db
    .select({
      ...entryColumns,
      sortKey: sql<string>`${timeEntries.createdAt}::text`,
      missionId: missions.id,
      missionTitle: missions.title,
      postierId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
    })
    .from(timeEntries)
    .innerJoin(applications, eq(applications.id, timeEntries.applicationId))
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .innerJoin(users, eq(users.id, applications.postierId))
    .where(and(filter, after))
    .orderBy(asc(timeEntries.createdAt), asc(timeEntries.id))
    .limit(query.limit + 1);
  const [totalRow] = await db
    .select({ total: count() })
    .from(timeEntries)
    .innerJoin(applications, eq(applications.id, timeEntries.applicationId))
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .where(filter);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last.sortKey, id: last.id }) : null,
    total: totalRow?.total ?? 0,
  };
}

/** Entries in the caller's scope, oldest first (the queue order), optionally by status. */
export async function listHrTimeEntries(
  db: DbOrTx,
  actor: Actor,
  query: { status?: TimeEntryStatus; limit: number; cursor?: string },
) {
  const filter = and(
    postierInScope(actor, applications.postierId),
    query.status ? eq(timeEntries.status, query.status) : undefined,
  );
  const { rows, nextCursor, total } = await timeEntryPage(db, filter, query);
  return {
    items: rows.map((r) => ({
      ...toTimeEntry(r),
      mission: { id: r.missionId, title: r.missionTitle },
      postier: { id: r.postierId, firstName: r.firstName, lastName: r.lastName },
    })),
    nextCursor,
    total,
  };
}
