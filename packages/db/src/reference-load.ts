import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import { DOMAINS_OF_ACTION, loadGeography, loadSkillCategories, loadSkills } from './reference/index';
import { communes, departements, domains, regions, skillCategories, skills } from './schema/index';

const CHUNK = 2_000;

/**
 * Upserts rows and returns how many really changed: unchanged rows are skipped by the
 * WHERE clause, so a second run writes nothing.
 */
async function upsert<T extends Record<string, unknown>>(
  db: Database,
  table: PgTable,
  rows: T[],
  key: string,
  columns: string[],
): Promise<number> {
  let changed = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const set = Object.fromEntries(columns.map((c) => [c, sql.raw(`excluded."${c}"`)]));
    const differs = sql.raw(columns.map((c) => `"${c}" is distinct from excluded."${c}"`).join(' or '));
    const result = await db
      .insert(table)
      .values(chunk)
      .onConflictDoUpdate({ target: sql.raw(`"${key}"`) as never, set, setWhere: differs });
    changed += result.rowCount ?? 0;
  }
  return changed;
}

export async function loadReferenceData(db: Database): Promise<number> {
  const geo = loadGeography();
  let changed = 0;
  await db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    changed += await upsert(t, regions, geo.regions.map((r) => ({ code: r.code, name: r.name })), 'code', ['name']);
    changed += await upsert(
      t,
      departements,
      geo.departements.map((d) => ({ code: d.code, name: d.name, regionCode: d.regionCode })),
      'code',
      ['name', 'region_code'],
    );
    changed += await upsert(
      t,
      communes,
      geo.communes.map((c) => ({
        code: c.code,
        name: c.name,
        departementCode: c.departementCode,
        regionCode: c.regionCode,
        epciCode: c.epciCode,
        population: c.population,
        postalCodes: c.postalCodes,
        latitude: c.latitude,
        longitude: c.longitude,
        coordinatesSource: c.coordinatesSource,
      })),
      'code',
      ['name', 'departement_code', 'region_code', 'epci_code', 'population', 'postal_codes', 'latitude', 'longitude', 'coordinates_source'],
    );
    changed += await upsert(t, skillCategories, loadSkillCategories(), 'code', ['label']);
    changed += await upsert(
      t,
      skills,
      loadSkills().map((s) => ({ code: s.code, label: s.label, categoryCode: s.categoryCode, source: s.source, sourceRef: s.sourceRef })),
      'code',
      ['label', 'category_code', 'source', 'source_ref'],
    );
    changed += await upsert(
      t,
      domains,
      DOMAINS_OF_ACTION.map((d) => ({ code: d.code, label: d.label, description: d.description })),
      'code',
      ['label', 'description'],
    );
  });
  return changed;
}
