import { schema } from '@passerelle/db';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/errors';
import { problemResponses } from '../../lib/problem';
import { audit } from './audit';
import { idParams } from './schemas';

const { settings, businessUnits } = schema;

export const DEFAULT_QUOTA_KEY = 'default_yearly_quota_hours';

const defaultQuotaBody = z.strictObject({ hours: z.number().int().min(0).max(1_000) });
const unitQuotaBody = z.strictObject({
  /** Null removes the override: the unit's postiers fall back to the default. */
  hours: z.number().int().min(0).max(1_000).nullable(),
});
const quotaResponse = z.object({ hours: z.number().int().nullable() });

/** Yearly mécénat quotas: a default set by admins, overridable per business unit. */
export function quotaSettingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admins = [app.authenticate, app.requireRole('admin')];

  app.get(
    '/admin/settings/yearly-quota',
    {
      preHandler: admins,
      schema: {
        tags: ['hr'],
        summary: 'Default yearly quota of mécénat hours per postier',
        response: { 200: quotaResponse, ...problemResponses(401, 403) },
      },
    },
    async () => {
      const [row] = await app.db.select().from(settings).where(eq(settings.key, DEFAULT_QUOTA_KEY));
      return { hours: row ? Number(row.value) : 70 };
    },
  );

  app.put(
    '/admin/settings/yearly-quota',
    {
      preHandler: admins,
      schema: {
        tags: ['hr'],
        summary: 'Set the default yearly quota of mécénat hours per postier',
        body: defaultQuotaBody,
        response: { 200: quotaResponse, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { hours } = request.body;
      await app.db.transaction(async (tx) => {
        await tx
          .insert(settings)
          .values({ key: DEFAULT_QUOTA_KEY, value: String(hours) })
          .onConflictDoUpdate({ target: settings.key, set: { value: String(hours), updatedAt: sql`now()` } });
        await audit(tx, {
          actorUserId: request.user.sub,
          action: 'settings.default_yearly_quota',
          entityType: 'setting',
          entityId: DEFAULT_QUOTA_KEY,
          details: { hours },
        });
      });
      return { hours };
    },
  );

  app.put(
    '/admin/business-units/:id/yearly-quota',
    {
      preHandler: admins,
      schema: {
        tags: ['hr'],
        summary: "Override (or, with null, clear) a business unit's yearly quota",
        params: idParams,
        body: unitQuotaBody,
        response: { 200: quotaResponse, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { hours } = request.body;
      await app.db.transaction(async (tx) => {
        const [unit] = await tx
          .update(businessUnits)
          .set({ yearlyQuotaHours: hours })
          .where(eq(businessUnits.id, request.params.id))
          .returning({ id: businessUnits.id });
        if (!unit) throw notFound('Business unit');
        await audit(tx, {
          actorUserId: request.user.sub,
          action: 'business_unit.yearly_quota',
          entityType: 'business_unit',
          entityId: unit.id,
          details: { hours },
        });
      });
      return { hours };
    },
  );
}
