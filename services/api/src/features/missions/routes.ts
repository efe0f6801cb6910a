import { MISSION_MODES } from '@passerelle/domain';
import { schema } from '@passerelle/db';
import { and, count, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors';

const { missions, associations, communes } = schema;

const missionSummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  associationId: z.string().uuid(),
  associationName: z.string(),
  domainCode: z.string(),
  mode: z.enum(MISSION_MODES),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  hoursTotal: z.number().int(),
  seats: z.number().int(),
  publishedAt: z.string().nullable(),
});

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

function decodeCursor(cursor: string): { publishedAt: string; id: string } {
  try {
    const parsed = z
      .object({ p: z.string().datetime({ offset: true }), i: z.string().uuid() })
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { publishedAt: parsed.p, id: parsed.i };
  } catch {
    throw new AppError('INVALID_CURSOR', 400, 'Bad Request', 'The cursor is not valid', [
      { field: 'query.cursor', message: 'not a cursor returned by this list' },
    ]);
  }
}

export default async function missionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/missions',
    {
      schema: {
        tags: ['missions'],
        summary: 'Published missions, newest first',
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(missionSummary), nextCursor: z.string().nullable(), total: z.number().int() }),
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const visible = eq(missions.status, 'published');
      const after = cursor ? decodeCursor(cursor) : undefined;
      const page = after
        ? and(
            visible,
            or(
              lt(missions.publishedAt, new Date(after.publishedAt)),
              and(eq(missions.publishedAt, new Date(after.publishedAt)), lt(missions.id, after.id)),
            ),
          )
        : visible;
      const rows = await app.db
        .select({
          id: missions.id,
          title: missions.title,
          associationId: missions.associationId,
          associationName: associations.name,
          domainCode: missions.domainCode,
          mode: missions.mode,
          communeCode: missions.communeCode,
          communeName: communes.name,
          startDate: missions.startDate,
          endDate: missions.endDate,
          hoursTotal: missions.hoursTotal,
          seats: missions.seats,
          publishedAt: missions.publishedAt,
        })
        .from(missions)
        .innerJoin(associations, eq(associations.id, missions.associationId))
        .leftJoin(communes, eq(communes.code, missions.communeCode))
        .where(page)
        .orderBy(desc(missions.publishedAt), desc(missions.id))
        .limit(limit + 1);
      const [{ total } = { total: 0 }] = await app.db.select({ total: count() }).from(missions).where(visible);
      const items = rows.slice(0, limit).map((r) => ({
        ...r,
        mode: r.mode as (typeof MISSION_MODES)[number],
        publishedAt: r.publishedAt ? r.publishedAt.toISOString() : null,
      }));
      const last = items[items.length - 1];
      const nextCursor =
        rows.length > limit && last?.publishedAt
          ? Buffer.from(JSON.stringify({ p: last.publishedAt, i: last.id })).toString('base64url')
          : null;
      return { items, nextCursor, total };
    },
  );
  void sql;
}
