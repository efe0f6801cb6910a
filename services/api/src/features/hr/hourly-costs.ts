import { type Database, schema } from '@passerelle/db';
import { and, eq, sql } from 'drizzle-orm';
import { notFound } from '../../lib/errors';
import type { Actor } from '../missions/access';
import { audit } from './audit';

const { hourlyCosts, businessUnits, hrScopes } = schema;

/**
 * Sets the rate of a business unit from a date (replacing the one set for that same date).
 * An admin sets any unit's; HR only the units named in their scope rows (404 otherwise).
 */
export async function setHourlyCost(
  db: Database,
  actor: Actor,
  input: { businessUnitId: string; effectiveFrom: string; costPerHour: number },
) {
  return db.transaction(async (tx) => {
    const allowed =
      actor.role === 'admin'
        ? sql`true`
        : sql`exists (select 1 from ${hrScopes} where ${hrScopes.userId} = ${actor.userId} and ${hrScopes.businessUnitId} = ${businessUnits.id})`;
    const [unit] = await tx
      .select({ id: businessUnits.id })
      .from(businessUnits)
      .where(and(eq(businessUnits.id, input.businessUnitId), allowed));
    if (!unit) throw notFound('Business unit');
    const cost = input.costPerHour.toFixed(2);
    const [row] = await tx
      .insert(hourlyCosts)
      .values({
        businessUnitId: unit.id,
        effectiveFrom: input.effectiveFrom,
        costPerHour: cost,
        createdBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [hourlyCosts.businessUnitId, hourlyCosts.effectiveFrom],
        set: { costPerHour: cost, createdBy: actor.userId, createdAt: new Date() },
      })
      .returning();
    if (!row) throw new Error('hourly cost upsert returned no row');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'hourly_cost.set',
      entityType: 'business_unit',
      entityId: unit.id,
      details: { effectiveFrom: input.effectiveFrom, costPerHour: cost },
    });
    return {
      id: row.id,
      businessUnitId: row.businessUnitId,
      effectiveFrom: row.effectiveFrom,
      costPerHour: Number(row.costPerHour),
    };
  });
}
