import { type DbOrTx, schema } from '@passerelle/db';
import type { MissionMode, MissionStatus } from '@passerelle/domain';
import { and, asc, count, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../lib/errors';
import { decodeCursor, encodeCursor, queryFingerprint } from '../../lib/keyset-cursor';
import type { missionSummary, SearchQuery, SearchSort } from './schemas';

const { missions, missionSkills, skills, associations, communes } = schema;

type MissionSummary = z.infer<typeof missionSummary>;

/** Same radius as packages/db's haversineKm and the matcher, so the list and the matches agree. */
const EARTH_RADIUS_KM = 6371.0088;
/** Sort key of a mission without a commune in the distance sort: after every real distance (the antipode is ~20,000 km). */
const NO_DISTANCE = 100_000;

interface SortPlan {
  /** The key rows are ordered by, then by id in the same direction: unique, so keyset paging is exact. */
  key: SQL;
  /** How the cursor's text key is read back: the type of `key`. */
  cast: 'timestamptz' | 'numeric';
  direction: 'asc' | 'desc';
}

/**
 * Search semantics (documented in the OpenAPI summary too):
 * - only `published` missions: drafts are private, filled and closed missions take nobody;
 * - `q`: French full text on title (weight A) and description (B), accents and plurals ignored
 *   (`fr_unaccent` = unaccent + french_stem), web-search syntax (`"…"`, `-mot`, `or`);
 * - `skills=a,b`: the mission asks for ALL the listed skills (narrowing as one adds skills, like the other filters);
 * - `from`/`to`: the mission's dates overlap [from, to];
 * - `near` + `radiusKm`: great-circle distance between commune centroids; a mission without a
 *   commune has no distance and is left out by a radius, unless `mode=remote` is asked, where the
 *   radius does not apply (remote work is done from anywhere);
 * - sorts: `relevance` (ts_rank_cd, default when q is given), `date` (newest published first,
 *   the default otherwise), `distance` (nearest first, needs `near`). Every sort ends with the id,
 *   and the cursor carries the last key and id: pages neither skip nor repeat while missions are
 *   published meanwhile (a new one shows up only if it sorts after the cursor).
 */
export async function searchMissions(
  db: DbOrTx,
  query: SearchQuery,
): Promise<{ items: MissionSummary[]; nextCursor: string | null; total: number }> {
  const fingerprint = queryFingerprint(query);
  const after = query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined;
  const sort: SearchSort = query.sort ?? (query.q ? 'relevance' : 'date');

  const centre = query.near ? await communeCentroid(db, query.near) : undefined;
  // Haversine. The CASE keeps a mission without a commune at NULL: least() ignores NULLs, so
  // least(1, sqrt(NULL)) would be 1 and put it at the antipode, inside any radius of 20,000 km.
  const distance = centre
    ? sql`(case when ${communes.code} is null then null else ${2 * EARTH_RADIUS_KM} * asin(least(1, sqrt(
        power(sin(radians(${communes.latitude} - ${centre.latitude}) / 2), 2)
        + cos(radians(${centre.latitude})) * cos(radians(${communes.latitude}))
        * power(sin(radians(${communes.longitude} - ${centre.longitude}) / 2), 2)))) end)`
    : undefined;
  const tsQuery = query.q ? sql`websearch_to_tsquery('fr_unaccent', ${query.q})` : undefined;

  const filters: SQL[] = [eq(missions.status, 'published')];
  if (tsQuery) filters.push(sql`${missions.searchVector} @@ ${tsQuery}`);
  if (query.skills) {
    const codes = [...new Set(query.skills)];
    filters.push(
      inArray(
        missions.id,
        db
          .select({ missionId: missionSkills.missionId })
          .from(missionSkills)
          .where(inArray(missionSkills.skillCode, codes))
          .groupBy(missionSkills.missionId)
          .having(sql`count(*) = ${codes.length}`),
      ),
    );
  }
  if (query.mode) filters.push(eq(missions.mode, query.mode));
  if (query.domain) filters.push(eq(missions.domainCode, query.domain));
  if (query.from) filters.push(gte(missions.endDate, query.from));
  if (query.to) filters.push(lte(missions.startDate, query.to));
  if (query.region) filters.push(eq(communes.regionCode, query.region));
  if (query.departement) filters.push(eq(communes.departementCode, query.departement));
  if (distance && query.radiusKm !== undefined && query.mode !== 'remote') {
    filters.push(sql`${distance} <= ${query.radiusKm}`);
  }
  const needsCommune = Boolean(
    query.region || query.departement || (distance && query.radiusKm !== undefined),
  );

  const plan = sortPlan(sort, tsQuery, distance);
  const pageFilters = [...filters];
  if (after) {
    const op = plan.direction === 'desc' ? sql`<` : sql`>`;
    pageFilters.push(
      sql`(${plan.key}, ${missions.id}) ${op} (cast(${after.key} as ${sql.raw(plan.cast)}), cast(${after.id} as uuid))`,
    );
  }
  const order = plan.direction === 'desc' ? sql`desc` : sql`asc`;

  const pageQuery = db
    .select({
      id: missions.id,
      title: missions.title,
      status: missions.status,
      mode: missions.mode,
      domainCode: missions.domainCode,
      associationId: missions.associationId,
      associationName: associations.name,
      communeCode: missions.communeCode,
      communeName: communes.name,
      departementCode: communes.departementCode,
      regionCode: communes.regionCode,
      startDate: missions.startDate,
      endDate: missions.endDate,
      hoursTotal: missions.hoursTotal,
      seats: missions.seats,
      publishedAt: missions.publishedAt,
      distanceKm: distance ? sql<string | null>`round(${distance}::numeric, 1)::text` : sql<null>`null`,
      sortKey: sql<string>`(${plan.key})::text`,
    })
    .from(missions)
    .innerJoin(associations, eq(associations.id, missions.associationId))
    .leftJoin(communes, eq(communes.code, missions.communeCode))
    .where(and(...pageFilters))
    .orderBy(sql`${plan.key} ${order}`, sql`${missions.id} ${order}`)
    .limit(query.limit + 1);

  // The count joins communes only when a filter reads it, and never ranks nor sorts.
  const countBase = db.select({ total: count() }).from(missions);
  const countQuery = (
    needsCommune ? countBase.leftJoin(communes, eq(communes.code, missions.communeCode)) : countBase
  ).where(and(...filters));

  const [rows, counted] = await Promise.all([pageQuery, countQuery]);
  const page = rows.slice(0, query.limit);
  const skillsByMission = await skillsOf(
    db,
    page.map((r) => r.id),
  );
  const last = page[page.length - 1];
  return {
    items: page.map(({ sortKey: _sortKey, ...r }) => ({
      ...r,
      status: r.status as MissionStatus,
      mode: r.mode as MissionMode,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      distanceKm: r.distanceKm === null ? null : Number(r.distanceKm),
      skills: skillsByMission.get(r.id) ?? [],
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ key: last.sortKey, id: last.id }, fingerprint)
        : null,
    total: counted[0]?.total ?? 0,
  };
}

function sortPlan(sort: SearchSort, tsQuery: SQL | undefined, distance: SQL | undefined): SortPlan {
  switch (sort) {
    case 'relevance':
      // The query schema refuses sort=relevance without q, and sort=distance without near.
      if (!tsQuery) throw new Error('relevance sort without q');
      // Rounded to a numeric: the key must survive the trip through the cursor exactly,
      // which a float printed and parsed back is not guaranteed to.
      return {
        key: sql`round(ts_rank_cd(${missions.searchVector}, ${tsQuery})::numeric, 6)`,
        cast: 'numeric',
        direction: 'desc',
      };
    case 'distance':
      if (!distance) throw new Error('distance sort without near');
      return {
        key: sql`coalesce(round(${distance}::numeric, 3), ${NO_DISTANCE})`,
        cast: 'numeric',
        direction: 'asc',
      };
    case 'date':
      // Printed as text, the timestamp keeps its microseconds (a JS Date would drop them and skip rows).
      return { key: sql`${missions.publishedAt}`, cast: 'timestamptz', direction: 'desc' };
  }
}

async function communeCentroid(db: DbOrTx, code: string) {
  const [commune] = await db
    .select({ latitude: communes.latitude, longitude: communes.longitude })
    .from(communes)
    .where(eq(communes.code, code));
  if (!commune) {
    throw new AppError(
      'UNKNOWN_COMMUNE',
      422,
      'Unprocessable Content',
      `No commune has the INSEE code ${code}`,
      [{ field: 'query.near', message: 'unknown commune' }],
    );
  }
  return commune;
}

async function skillsOf(db: DbOrTx, missionIds: string[]) {
  const byMission = new Map<string, MissionSummary['skills']>();
  if (missionIds.length === 0) return byMission;
  const rows = await db
    .select({
      missionId: missionSkills.missionId,
      code: skills.code,
      label: skills.label,
      level: missionSkills.level,
      required: missionSkills.required,
    })
    .from(missionSkills)
    .innerJoin(skills, eq(skills.code, missionSkills.skillCode))
    .where(inArray(missionSkills.missionId, missionIds))
    .orderBy(sql`${missionSkills.required} desc`, sql`${missionSkills.level} desc`, asc(skills.label));
  for (const { missionId, ...skill } of rows) {
    const list = byMission.get(missionId);
    if (list) list.push(skill);
    else byMission.set(missionId, [skill]);
  }
  return byMission;
}
