import type { DbOrTx } from '@passerelle/db';
import { parseQuotaSetting, yearlyQuota } from '@passerelle/domain';
import type {
  CandidateProfile,
  CandidateSkill,
  MissionMode,
  MissionQuery,
  MissionSkill,
  SkillLevel,
  Taxonomy,
} from '@passerelle/matching';
import { sql } from 'drizzle-orm';

/**
 * Reads what the matcher needs from PostgreSQL (the source of truth) and maps it onto the plain
 * shapes of @passerelle/matching. No names, no e-mails: matching needs none.
 */

const toLevel = (n: number): SkillLevel => (n <= 1 ? 1 : n >= 4 ? 4 : n === 2 ? 2 : 3);

const toMode = (mode: string): MissionMode =>
  mode === 'remote' ? 'remote' : mode === 'hybrid' ? 'hybrid' : 'onsite';

export async function loadTaxonomy(db: DbOrTx): Promise<Taxonomy> {
  const { rows } = await db.execute<{ code: string; category_code: string }>(
    sql`select code, category_code from skills order by code`,
  );
  return { skills: rows.map((r) => ({ code: r.code, categoryCode: r.category_code })) };
}

interface PostierRow extends Record<string, unknown> {
  id: string;
  status: string;
  erased: boolean;
  opt_in: boolean;
  radius: number;
  remote_ok: boolean;
  available_from: string | null;
  available_to: string | null;
  last_solicited_at: Date | string | null;
  latitude: number | null;
  longitude: number | null;
  departement_code: string | null;
  postier_quota: number | null;
  unit_quota: number | null;
  default_quota: string | null;
  used_hours: string | number;
  solicitations: string | number;
  skills: { code: string; level: number }[] | null;
  domains: string[] | null;
}

function toProfile(row: PostierRow): CandidateProfile {
  const quota = yearlyQuota({
    postierOverride: row.postier_quota,
    businessUnitQuota: row.unit_quota,
    defaultQuota: parseQuotaSetting(row.default_quota),
  });
  const skills: CandidateSkill[] = (row.skills ?? []).map((s) => ({ code: s.code, level: toLevel(s.level) }));
  const last = row.last_solicited_at === null ? null : new Date(row.last_solicited_at).getTime();
  return {
    id: row.id,
    active: row.status === 'active' && !row.erased,
    optedIn: row.opt_in,
    skills,
    latitude: row.latitude,
    longitude: row.longitude,
    departementCode: row.departement_code,
    mobilityRadiusKm: row.radius,
    remoteOk: row.remote_ok,
    availableFrom: row.available_from,
    availableTo: row.available_to,
    domains: row.domains ?? [],
    remainingQuotaHours: Math.max(0, quota - Number(row.used_hours)),
    solicitationsLast30Days: Number(row.solicitations),
    lastSolicitedAt: last !== null && Number.isFinite(last) ? last : null,
  };
}

/**
 * Postiers as the matcher sees them: every postier when `ids` is undefined, else those ids (a
 * missing id is a postier who is gone: the caller removes them from the index). Remaining quota
 * counts validated and pending hours of the current (Paris) year.
 */
export async function loadPostiers(db: DbOrTx, ids?: readonly string[]): Promise<CandidateProfile[]> {
  if (ids !== undefined && ids.length === 0) return [];
  const only =
    ids === undefined
      ? sql``
      : sql`and u.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  const { rows } = await db.execute<PostierRow>(sql`
    with yr as (
      select date_trunc('year', now() at time zone 'Europe/Paris')::date as y0
    ),
    used as (
      select a.postier_id, sum(te.hours) as hours
        from time_entries te
        join applications a on a.id = te.application_id
        cross join yr
       where te.status in ('validated', 'submitted', 'confirmed')
         and te.date >= yr.y0 and te.date < (yr.y0 + interval '1 year')::date
       group by a.postier_id
    ),
    sol as (
      select postier_id, count(*) as n from solicitations
       where created_at > now() - interval '30 days' group by postier_id
    ),
    sk as (
      select user_id, json_agg(json_build_object('code', skill_code, 'level', level) order by skill_code) as skills
        from postier_skills group by user_id
    ),
    dom as (
      select user_id, array_agg(domain_code order by domain_code) as domains from postier_domains group by user_id
    )
    select u.id, u.status, (u.erased_at is not null) as erased,
           pp.matching_opt_in as opt_in, pp.mobility_radius_km as radius, pp.remote_ok,
           pp.available_from, pp.available_to, pp.last_solicited_at,
           c.latitude, c.longitude, c.departement_code,
           pp.yearly_quota_hours as postier_quota, bu.yearly_quota_hours as unit_quota,
           (select value from settings where key = 'default_yearly_quota_hours') as default_quota,
           coalesce(used.hours, 0) as used_hours, coalesce(sol.n, 0) as solicitations,
           sk.skills, dom.domains
      from users u
      join postier_profiles pp on pp.user_id = u.id
      left join business_units bu on bu.id = pp.business_unit_id
      left join communes c on c.code = pp.commune_code
      left join used on used.postier_id = u.id
      left join sol on sol.postier_id = u.id
      left join sk on sk.user_id = u.id
      left join dom on dom.user_id = u.id
     where u.role = 'postier' ${only}
     order by u.id
  `);
  return rows.map(toProfile);
}

export interface LoadedMission {
  query: MissionQuery;
  status: string;
}

interface MissionRow extends Record<string, unknown> {
  id: string;
  status: string;
  mode: string;
  start_date: string;
  end_date: string;
  hours_total: number;
  domain_code: string;
  latitude: number | null;
  longitude: number | null;
  departement_code: string | null;
  skills: { code: string; level: number; required: boolean }[] | null;
  applicants: string[] | null;
}

function toMission(row: MissionRow): LoadedMission {
  const skills: MissionSkill[] = (row.skills ?? []).map((s) => ({
    code: s.code,
    level: toLevel(s.level),
    required: s.required,
  }));
  return {
    status: row.status,
    query: {
      id: row.id,
      skills,
      mode: toMode(row.mode),
      latitude: row.latitude,
      longitude: row.longitude,
      departementCode: row.departement_code,
      startDate: row.start_date,
      endDate: row.end_date,
      domainCode: row.domain_code,
      hoursTotal: row.hours_total,
      // Any application, withdrawn included: the (mission, postier) pair is taken for good.
      excludedCandidateIds: row.applicants ?? [],
    },
  };
}

const missionSelect = sql`
  select m.id, m.status, m.mode, m.start_date, m.end_date, m.hours_total, m.domain_code,
         c.latitude, c.longitude, c.departement_code,
         (select json_agg(json_build_object('code', ms.skill_code, 'level', ms.level, 'required', ms.required)
                          order by ms.skill_code)
            from mission_skills ms where ms.mission_id = m.id) as skills,
         (select array_agg(a.postier_id::text order by a.postier_id) from applications a where a.mission_id = m.id) as applicants
    from missions m
    left join communes c on c.code = m.commune_code`;

export async function loadMission(db: DbOrTx, missionId: string): Promise<LoadedMission | undefined> {
  const { rows } = await db.execute<MissionRow>(sql`${missionSelect} where m.id = ${missionId}::uuid`);
  const row = rows[0];
  return row ? toMission(row) : undefined;
}

export async function loadPublishedMissions(db: DbOrTx): Promise<LoadedMission[]> {
  const { rows } = await db.execute<MissionRow>(
    sql`${missionSelect} where m.status = 'published' order by m.id`,
  );
  return rows.map(toMission);
}
