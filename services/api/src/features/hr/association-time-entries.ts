import { type DbOrTx, schema } from '@passerelle/db';
import { TIME_ENTRY_STATUSES, type TimeEntryStatus } from '@passerelle/domain';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/errors';
import { decodeCursor, encodeCursor } from '../../lib/keyset-cursor';
import { problemResponses } from '../../lib/problem';
import { memberAssociationId } from '../missions/access';
import { idParams, pageOf, pageQuery, timeEntrySchema } from './schemas';
import { toTimeEntry } from './time-entries';

const { applications, missions, timeEntries, users } = schema;

export const associationTimeEntriesQuery = pageQuery.extend({
  status: z.enum(TIME_ENTRY_STATUSES).optional(),
});

/** An entry as the association sees it: the postier by name only (an accepted applicant it knows). */
export const associationTimeEntrySchema = timeEntrySchema.extend({
  mission: z.object({ id: z.uuid(), title: z.string() }),
  postier: z.object({ firstName: z.string(), lastName: z.string() }),
});

/**
 * Hours logged on the association's missions, oldest first (the order to confirm them in),
 * optionally by status. Only a member of that association lists them: any other association id,
 * existing or not, is a 404.
 */
export async function listAssociationTimeEntries(
  db: DbOrTx,
  memberId: string,
  associationId: string,
  query: { status?: TimeEntryStatus; limit: number; cursor?: string },
) {
  if ((await memberAssociationId(db, memberId)) !== associationId) throw notFound('Association');
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const filter = and(
    eq(missions.associationId, associationId),
    query.status ? eq(timeEntries.status, query.status) : undefined,
  );
  const after = cursor
    ? sql`(${timeEntries.createdAt}, ${timeEntries.id}) > (${cursor.key}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  const rows = await db
    .select({
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
      sortKey: sql<string>`${timeEntries.createdAt}::text`,
      missionId: missions.id,
      missionTitle: missions.title,
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
    items: page.map((r) => ({
      ...toTimeEntry(r),
      mission: { id: r.missionId, title: r.missionTitle },
      postier: { firstName: r.firstName, lastName: r.lastName },
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last.sortKey, id: last.id }) : null,
    total: totalRow?.total ?? 0,
  };
}

export function associationTimeEntryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/associations/:id/time-entries',
    {
      preHandler: [app.authenticate, app.requireRole('association')],
      schema: {
        tags: ['hr'],
        summary:
          'Hours logged on your association’s missions, oldest first, by status: the ones to confirm or dispute',
        security: [{ bearerAuth: [] }],
        params: idParams,
        querystring: associationTimeEntriesQuery,
        response: {
          200: pageOf(associationTimeEntrySchema),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => listAssociationTimeEntries(app.db, request.user.sub, request.params.id, request.query),
  );
}
