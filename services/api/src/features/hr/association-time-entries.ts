import { type DbOrTx, schema } from '@passerelle/db';
import { TIME_ENTRY_STATUSES, type TimeEntryStatus } from '@passerelle/domain';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/errors';
import { problemResponses } from '../../lib/problem';
import { memberAssociationId } from '../missions/access';
import { idParams, pageOf, pageQuery, timeEntrySchema } from './schemas';
import { timeEntryPage, toTimeEntry } from './time-entries';

const { missions, timeEntries } = schema;

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
  const filter = and(
    eq(missions.associationId, associationId),
    query.status ? eq(timeEntries.status, query.status) : undefined,
  );
  const { rows, nextCursor, total } = await timeEntryPage(db, filter, query);
  return {
    // The postier by name only: no account id for the association.
    items: rows.map((r) => ({
      ...toTimeEntry(r),
      mission: { id: r.missionId, title: r.missionTitle },
      postier: { firstName: r.firstName, lastName: r.lastName },
    })),
    nextCursor,
    total,
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
