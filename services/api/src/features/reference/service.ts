import { type DbOrTx, schema } from '@passerelle/db';
import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import { notFound } from '../../lib/errors';

const { skills, skillCategories, domains, regions, departements, communes, businessUnits } = schema;

/** Escapes LIKE's wildcards so a typed `%` or `_` matches itself. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}

export async function listSkills(db: DbOrTx, filter: { q?: string; category?: string }) {
  const where: SQL[] = [];
  if (filter.q) {
    where.push(
      sql`unaccent(lower(${skills.label})) like '%' || unaccent(lower(${escapeLike(filter.q)})) || '%'`,
    );
  }
  if (filter.category) where.push(eq(skills.categoryCode, filter.category));
  const rows = await db
    .select({
      code: skills.code,
      label: skills.label,
      categoryCode: skills.categoryCode,
      categoryLabel: skillCategories.label,
      source: skills.source,
      sourceRef: skills.sourceRef,
    })
    .from(skills)
    .innerJoin(skillCategories, eq(skillCategories.code, skills.categoryCode))
    .where(and(...where))
    .orderBy(
      sql`unaccent(lower(${skillCategories.label}))`,
      sql`unaccent(lower(${skills.label}))`,
      asc(skills.code),
    );
  // The table's CHECK constraint guarantees the two sources.
  return rows.map((row) => ({ ...row, source: row.source as 'ROME4' | 'ESCO' }));
}

export async function listSkillCategories(db: DbOrTx) {
  return db
    .select({ code: skillCategories.code, label: skillCategories.label, skillCount: count(skills.code) })
    .from(skillCategories)
    .leftJoin(skills, eq(skills.categoryCode, skillCategories.code))
    .groupBy(skillCategories.code, skillCategories.label)
    .orderBy(sql`unaccent(lower(${skillCategories.label}))`);
}

export async function listDomains(db: DbOrTx) {
  return db
    .select({ code: domains.code, label: domains.label, description: domains.description })
    .from(domains)
    .orderBy(sql`unaccent(lower(${domains.label}))`);
}

export async function listBusinessUnits(db: DbOrTx) {
  return db
    .select({
      id: businessUnits.id,
      code: businessUnits.code,
      name: businessUnits.name,
      legalEntity: businessUnits.legalEntity,
    })
    .from(businessUnits)
    .orderBy(sql`unaccent(lower(${businessUnits.name}))`, asc(businessUnits.code));
}

export async function listRegions(db: DbOrTx) {
  // Sorted as a French reader expects: "Île-de-France" among the I, not after the Z.
  return db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .orderBy(sql`unaccent(lower(${regions.name}))`);
}

export async function listDepartements(db: DbOrTx, regionCode?: string) {
  return db
    .select({ code: departements.code, name: departements.name, regionCode: departements.regionCode })
    .from(departements)
    .where(regionCode ? eq(departements.regionCode, regionCode) : undefined)
    .orderBy(asc(departements.code));
}

/**
 * A commune name as the autocomplete compares it: lower case, no accents, hyphens and apostrophes
 * as spaces, parentheses dropped ("Saint-Étienne" gives "saint etienne"). INSEE names hold nothing
 * else, which lets translate() stand in for a regexp_replace() that doubled the query's time over the
 * 35,000 rows it scans (no index serves the expression: unaccent() is not immutable).
 */
const searchableName = sql`translate(unaccent(lower(${communes.name})), '-''()', '  ')`;

/** What was typed, normalised to match: any run of other characters as one space, trimmed. */
const searchableTyped = (typed: string) =>
  sql`btrim(regexp_replace(unaccent(lower(${typed})), '[^a-z0-9]+', ' ', 'g'))`;

/** Digits (or Corsica's 2A/2B): a postal code or an INSEE code being typed, not a name. */
const CODE_PREFIX = /^(\d{1,5}|2[AB]\d{0,3})$/i;

export interface CommuneSearch {
  q?: string;
  departement?: string;
  limit: number;
}

interface CommuneRow {
  code: string;
  name: string;
  departementCode: string;
  regionCode: string;
  postalCodes: string[];
  population: number | null;
}

/**
 * Commune autocomplete, most populous first (the commune someone means is far more often Lyon
 * than Lyons-la-Forêt). By name prefix, accent-, case- and hyphen-insensitive, "st"/"ste"
 * standing for Saint/Sainte as on road signs; or by postal code or INSEE code prefix.
 */
export async function searchCommunes(db: DbOrTx, search: CommuneSearch): Promise<CommuneRow[]> {
  const conditions: SQL[] = [];
  const q = search.q?.trim();
  if (q && CODE_PREFIX.test(q)) {
    const prefix = `${escapeLike(q.toUpperCase())}%`;
    conditions.push(
      sql`(${communes.code} like ${prefix} or exists (select 1 from unnest(${communes.postalCodes}) as pc where pc like ${prefix}))`,
    );
  } else if (q) {
    // Normalised in SQL too, so both sides follow unaccent's rules; "st" and "ste" are expanded.
    const typed = sql`regexp_replace(regexp_replace(${searchableTyped(q)}, '\\mste\\M', 'sainte', 'g'), '\\mst\\M', 'saint', 'g')`;
    conditions.push(sql`${searchableName} like ${typed} || '%'`);
  }
  if (search.departement) conditions.push(eq(communes.departementCode, search.departement.toUpperCase()));
  return db
    .select({
      code: communes.code,
      name: communes.name,
      departementCode: communes.departementCode,
      regionCode: communes.regionCode,
      postalCodes: communes.postalCodes,
      population: communes.population,
    })
    .from(communes)
    .where(and(...conditions))
    .orderBy(sql`${communes.population} desc nulls last`, asc(communes.code))
    .limit(search.limit);
}

export async function getCommune(db: DbOrTx, code: string) {
  const [row] = await db
    .select({
      code: communes.code,
      name: communes.name,
      departementCode: communes.departementCode,
      departementName: departements.name,
      regionCode: communes.regionCode,
      regionName: regions.name,
      epciCode: communes.epciCode,
      postalCodes: communes.postalCodes,
      population: communes.population,
      latitude: communes.latitude,
      longitude: communes.longitude,
      coordinatesSource: communes.coordinatesSource,
    })
    .from(communes)
    .innerJoin(departements, eq(departements.code, communes.departementCode))
    .innerJoin(regions, eq(regions.code, communes.regionCode))
    .where(eq(communes.code, code));
  if (!row) throw notFound('Commune');
  return row;
}
