import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import { DOMAINS_OF_ACTION, loadGeography, loadSkillCategories, loadSkills } from './reference/index';
import { communes, departements, domains, regions, skillCategories, skills } from './schema/index';

const CHUNK = 2_000;

/**
 * Upserts rows (keys are SQL column names) and returns how many really changed: unchanged
 * rows are skipped by the WHERE clause, so a second run writes nothing.
 */
async function upsert(
  db: Database,
  table: PgTable,
  rows: Record<string, unknown>[],
  key: string,
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first);
  const updated = columns.filter((c) => c !== key);
  const name = getTableName(table);
  let changed = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values = sql.join(
      chunk.map(
        (row) =>
          sql`(${sql.join(
            columns.map((c) => sql`${row[c] ?? null}`),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    const result = await db.execute(sql`
      insert into ${sql.identifier(name)} (${sql.join(
        columns.map((c) => sql.identifier(c)),
        sql`, `,
      )})
      values ${values}
      on conflict (${sql.identifier(key)}) do update
      set ${sql.join(
        updated.map((c) => sql`${sql.identifier(c)} = excluded.${sql.identifier(c)}`),
        sql`, `,
      )}
      where ${sql.join(
        updated.map(
          (c) =>
            sql`${sql.identifier(name)}.${sql.identifier(c)} is distinct from excluded.${sql.identifier(c)}`,
        ),
        sql` or `,
      )}`);
    changed += result.rowCount ?? 0;
  }
  return changed;
}

/** A text[] literal: postal codes are digits only, nothing to escape. */
const textArray = (values: readonly string[]) => sql`${`{${values.join(',')}}`}::text[]`;

export async function loadReferenceData(db: Database): Promise<number> {
  const geo = loadGeography();
  let changed = 0;
  await db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    changed += await upsert(
      t,
      regions,
      geo.regions.map((r) => ({ code: r.code, name: r.name })),
      'code',
    );
    changed += await upsert(
      t,
      departements,
      geo.departements.map((d) => ({ code: d.code, name: d.name, region_code: d.regionCode })),
      'code',
    );
    changed += await upsert(
      t,
      communes,
      geo.communes.map((c) => ({
        code: c.code,
        name: c.name,
        departement_code: c.departementCode,
        region_code: c.regionCode,
        epci_code: c.epciCode,
        population: c.population,
        postal_codes: textArray(c.postalCodes),
        latitude: c.latitude,
        longitude: c.longitude,
        coordinates_source: c.coordinatesSource,
      })),
      'code',
    );
    changed += await upsert(
      t,
      skillCategories,
      loadSkillCategories().map((c) => ({ code: c.code, label: c.label })),
      'code',
    );
    changed += await upsert(
      t,
      skills,
      loadSkills().map((s) => ({
        code: s.code,
        label: s.label,
        category_code: s.categoryCode,
        source: s.source,
        source_ref: s.sourceRef,
      })),
      'code',
    );
    changed += await upsert(
      t,
      domains,
      DOMAINS_OF_ACTION.map((d) => ({ code: d.code, label: d.label, description: d.description })),
      'code',
    );
  });
  return changed;
}
