import { type DbOrTx, schema } from '@passerelle/db';
import { parseQuotaSetting, remainingQuota, yearlyQuota } from '@passerelle/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../missions/access';

const { hrScopes, postierProfiles, communes } = schema;

/**
 * The HR tenant filter on a postier id column: an HR user sees a postier when one of their scope
 * rows matches the profile's business unit and/or the région of its work commune (both when the
 * row names both). Admins see everyone; any other role, no one.
 */
export function postierInScope(actor: Actor, postierId: AnyPgColumn | SQL): SQL {
  if (actor.role === 'admin') return sql`true`;
  if (actor.role !== 'hr') return sql`false`;
  return sql`exists (
    select 1 from ${hrScopes}
    join ${postierProfiles} on ${postierProfiles.userId} = ${postierId}
    left join ${communes} on ${communes.code} = ${postierProfiles.communeCode}
    where ${hrScopes.userId} = ${actor.userId}
      and (${hrScopes.businessUnitId} is null or ${hrScopes.businessUnitId} = ${postierProfiles.businessUnitId})
      and (${hrScopes.regionCode} is null or ${hrScopes.regionCode} = ${communes.regionCode})
  )`;
}

export interface QuotaStatus {
  year: number;
  quota: number;
  validated: number;
  pending: number;
  remaining: number;
}

/** Yearly quota and usage of several postiers at once (one query). */
export async function quotaStatuses(db: DbOrTx, postierIds: readonly string[], year: number) {
  const result = new Map<string, QuotaStatus>();
  if (postierIds.length === 0) return result;
  const ids = sql.join(
    postierIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const { rows } = await db.execute<{
    postier_id: string;
    postier_quota: number | null;
    unit_quota: number | null;
    default_quota: string | null;
    validated: string;
    pending: string;
  }>(sql`
    select u.id as postier_id,
      pp.yearly_quota_hours as postier_quota,
      bu.yearly_quota_hours as unit_quota,
      (select value from settings where key = 'default_yearly_quota_hours') as default_quota,
      coalesce(sum(te.hours) filter (where te.status = 'validated'), 0) as validated,
      coalesce(sum(te.hours) filter (where te.status in ('submitted', 'confirmed')), 0) as pending
    from users u
    left join postier_profiles pp on pp.user_id = u.id
    left join business_units bu on bu.id = pp.business_unit_id
    left join applications a on a.postier_id = u.id
    left join time_entries te on te.application_id = a.id
      and te.date >= make_date(${year}::int, 1, 1) and te.date < make_date(${year}::int + 1, 1, 1)
    where u.id in (${ids})
    group by u.id, pp.yearly_quota_hours, bu.yearly_quota_hours
  `);
  for (const row of rows) {
    const quota = yearlyQuota({
      postierOverride: row.postier_quota,
      businessUnitQuota: row.unit_quota,
      defaultQuota: parseQuotaSetting(row.default_quota),
    });
    const validated = Number(row.validated);
    const pending = Number(row.pending);
    result.set(row.postier_id, {
      year,
      quota,
      validated,
      pending,
      remaining: remainingQuota({ quota, validated, pending }),
    });
  }
  return result;
}

export async function quotaStatus(db: DbOrTx, postierId: string, year: number): Promise<QuotaStatus> {
  const status = (await quotaStatuses(db, [postierId], year)).get(postierId);
  return status ?? { year, quota: 0, validated: 0, pending: 0, remaining: 0 };
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * `postierInScope` on a row of the validated-hours rollup, whose keys are the postier's profile
 * presence, business unit and région: the same rule, decided by the cell instead of per postier.
 */
export function cellInScope(actor: Actor, alias: string): SQL {
  if (actor.role === 'admin') return sql`true`;
  if (actor.role !== 'hr') return sql`false`;
  const cell = sql.raw(alias);
  return sql`${cell}.has_profile and exists (
    select 1 from ${hrScopes}
    where ${hrScopes.userId} = ${actor.userId}
      and (${hrScopes.businessUnitId} is null or ${hrScopes.businessUnitId} = ${cell}.business_unit_id)
      and (${hrScopes.regionCode} is null or ${hrScopes.regionCode} = ${cell}.region_code)
  )`;
}
