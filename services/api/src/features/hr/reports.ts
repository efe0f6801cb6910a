import { type DbOrTx, schema } from '@passerelle/db';
import { cents, employeeYearlyCap, round2, taxReductionEstimate } from '@passerelle/domain';
import { sql } from 'drizzle-orm';
import { notFound } from '../../lib/errors';
import type { Actor } from '../missions/access';
import type { ReportGroup, ReportResponse, ReportRow } from './schemas';
import { cellInScope, postierInScope } from './scope';

const { associations, associationMembers } = schema;

const NOT_SET = 'Non renseigné';

/** Key and label of each grouping, over the valued rows `v` joined to their reference tables. */
const GROUPS: Record<ReportGroup, { key: string; label: string; joins: string }> = {
  region: {
    key: 'v.region_code',
    label: 'r.name',
    joins: 'left join regions r on r.code = v.region_code',
  },
  businessUnit: {
    key: 'v.business_unit_id::text',
    label: 'bu.name',
    joins: 'left join business_units bu on bu.id = v.business_unit_id',
  },
  domain: { key: 'v.domain_code', label: 'd.label', joins: 'left join domains d on d.code = v.domain_code' },
  association: {
    key: 'v.association_id::text',
    label: 'asso.name',
    joins: 'left join associations asso on asso.id = v.association_id',
  },
  month: { key: "to_char(v.date, 'YYYY-MM')", label: "to_char(v.date, 'YYYY-MM')", joins: '' },
};

interface ReportSqlRow extends Record<string, unknown> {
  k: string;
  l: string;
  hours: string;
  postiers: number;
  valuation: string | null;
  difficulty: string | null;
  is_total: number;
}

/** The groupings that the rollup's cells (business unit × région × month) answer directly. */
const CELL_GROUPS: Partial<
  Record<ReportGroup, { key: string; label: string; joins: string; month: string }>
> = {
  region: { ...GROUPS.region, month: 'v.month = 0' },
  businessUnit: { ...GROUPS.businessUnit, month: 'v.month = 0' },
  month: {
    key: "to_char(make_date(v.year, v.month, 1), 'YYYY-MM')",
    label: "to_char(make_date(v.year, v.month, 1), 'YYYY-MM')",
    joins: '',
    month: 'v.month > 0',
  },
};

/**
 * Validated hours of a year in the caller's scope, grouped. Each hour is valued at its business
 * unit's rate in force that day; an employee's year is capped at 3 × PASS, the cut spread over
 * their hours pro rata, so every grouping adds up to the same capped total.
 *
 * By région, business unit or month the figures come from the rollup kept by the database
 * (`validated_hours_cells`, a few thousand rows): the cap is applied by taking, from those cells,
 * the part above it of the few postiers whose yearly valuation exceeds it. By domain or
 * association, from the time entries themselves.
 */
export async function hoursReport(
  db: DbOrTx,
  actor: Actor,
  query: { year: number; groupBy: ReportGroup },
): Promise<ReportResponse> {
  const group = CELL_GROUPS[query.groupBy];
  if (!group) return hoursReportFromEntries(db, actor, query);
  const cap = employeeYearlyCap(query.year);
  const { rows } = await db.execute<ReportSqlRow>(sql`
    with cells as (
      select c.* from validated_hours_cells c where c.year = ${query.year}::int and ${cellInScope(actor, 'c')}
    ),
    capped as (
      select p.postier_id, p.raw as total from validated_hours_postiers p
      where p.year = ${query.year}::int and p.month = 0 and p.raw > ${cap}::numeric and ${cellInScope(actor, 'p')}
    ),
    cuts as (
      select p.month, p.has_profile, p.business_unit_id, p.region_code,
        sum(p.raw - p.raw * ${cap}::numeric / k.total) as cut,
        sum(p.raw_difficulty - p.raw_difficulty * ${cap}::numeric / k.total) as cut_difficulty
      from validated_hours_postiers p join capped k on k.postier_id = p.postier_id
      where p.year = ${query.year}::int
      group by p.month, p.has_profile, p.business_unit_id, p.region_code
    ),
    v as (
      select c.year, c.month, c.business_unit_id, c.region_code, c.hours, c.postiers,
        c.raw - coalesce(k.cut, 0) as value, c.raw_difficulty - coalesce(k.cut_difficulty, 0) as difficulty
      from cells c left join cuts k on k.month = c.month and k.has_profile = c.has_profile
        and k.business_unit_id is not distinct from c.business_unit_id
        and k.region_code is not distinct from c.region_code
    ),
    g as (
      select coalesce(${sql.raw(group.key)}, '') as k, coalesce(${sql.raw(group.label)}, ${NOT_SET}) as l,
        v.hours, v.postiers, v.value, v.difficulty
      from v ${sql.raw(group.joins)}
      where ${sql.raw(group.month)}
    ),
    t as (
      select sum(v.hours) as hours, sum(v.postiers) as postiers, sum(v.value) as valuation,
        sum(v.difficulty) as difficulty
      from v where v.month = 0
    )
    select k, l, sum(hours) as hours, sum(postiers)::int as postiers, sum(value) as valuation,
      sum(difficulty) as difficulty, 0 as is_total
    from g group by k, l
    union all
    select '', '', hours, coalesce(postiers, 0)::int, valuation, difficulty, 1 from t
    order by is_total, k
  `);
  return toReport(query, rows);
}

/** The same report computed from the time entries, for the groupings the rollup does not cover. */
export async function hoursReportFromEntries(
  db: DbOrTx,
  actor: Actor,
  query: { year: number; groupBy: ReportGroup },
): Promise<ReportResponse> {
  const group = GROUPS[query.groupBy];
  const cap = employeeYearlyCap(query.year);
  const { rows } = await db.execute<ReportSqlRow>(sql`
    with rates as (
      select business_unit_id, effective_from, cost_per_hour,
        lead(effective_from) over (partition by business_unit_id order by effective_from) as until
      from hourly_costs
    ),
    e as (
      select te.hours, te.date, a.postier_id, m.domain_code, m.association_id,
        asso.helps_people_in_difficulty as hpd, pp.business_unit_id, c.region_code,
        te.hours * coalesce(rt.cost_per_hour, 0) as raw
      from time_entries te
      join applications a on a.id = te.application_id
      join missions m on m.id = a.mission_id
      join associations asso on asso.id = m.association_id
      left join postier_profiles pp on pp.user_id = a.postier_id
      left join communes c on c.code = pp.commune_code
      left join rates rt on rt.business_unit_id = pp.business_unit_id
        and rt.effective_from <= te.date and (rt.until is null or te.date < rt.until)
      where te.status = 'validated'
        and te.date >= make_date(${query.year}::int, 1, 1) and te.date < make_date(${query.year}::int + 1, 1, 1)
        and ${postierInScope(actor, sql`a.postier_id`)}
    ),
    p as (select postier_id, sum(raw) as raw_total from e group by postier_id),
    v as (
      select e.*, case when p.raw_total > ${cap}::numeric then e.raw * ${cap}::numeric / p.raw_total else e.raw end as value
      from e join p using (postier_id)
    ),
    g as (
      select coalesce(${sql.raw(group.key)}, '') as k, coalesce(${sql.raw(group.label)}, ${NOT_SET}) as l,
        v.hours, v.postier_id, v.value, v.hpd
      from v ${sql.raw(group.joins)}
    )
    select k, l, sum(hours) as hours, count(distinct postier_id)::int as postiers, sum(value) as valuation,
      sum(value) filter (where hpd) as difficulty, grouping(k, l) as is_total
    from g
    group by grouping sets ((k, l), ())
    order by grouping(k, l), k
  `);
  return toReport(query, rows);
}

function toReport(query: { year: number; groupBy: ReportGroup }, rows: ReportSqlRow[]): ReportResponse {
  const data = rows.filter((r) => Number(r.is_total) === 0).map(toRow);
  const total = rows.find((r) => Number(r.is_total) !== 0);
  const valuation = cents(Number(total?.valuation ?? 0));
  const difficulty = cents(Number(total?.difficulty ?? 0));
  return {
    year: query.year,
    groupBy: query.groupBy,
    rows: data,
    totals: {
      hours: round2(Number(total?.hours ?? 0)),
      postiers: Number(total?.postiers ?? 0),
      valuation,
      taxReductionEstimate: taxReductionEstimate([
        { amount: difficulty, helpsPeopleInDifficulty: true },
        { amount: cents(valuation - difficulty), helpsPeopleInDifficulty: false },
      ]),
    },
  };
}

function toRow(r: ReportSqlRow): ReportRow {
  return {
    key: r.k,
    label: r.l,
    hours: round2(Number(r.hours)),
    postiers: Number(r.postiers),
    valuation: cents(Number(r.valuation ?? 0)),
  };
}

const LABEL_HEADERS: Record<ReportGroup, string> = {
  region: 'Région',
  businessUnit: 'Unité',
  domain: "Domaine d'action",
  association: 'Association',
  month: 'Mois',
};

const frenchNumber = (value: number) => String(value).replace('.', ',');

function csvField(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** For spreadsheets set to French: UTF-8 with BOM, `;` between fields, decimal commas, CRLF. */
export function reportCsv(report: ReportResponse): string {
  const lines = [
    ['Code', LABEL_HEADERS[report.groupBy], 'Heures validées', 'Postiers', 'Valorisation (€)'],
    ...report.rows.map((r) => [
      r.key,
      r.label,
      frenchNumber(r.hours),
      String(r.postiers),
      frenchNumber(r.valuation),
    ]),
    [
      'TOTAL',
      `Total ${report.year}`,
      frenchNumber(report.totals.hours),
      String(report.totals.postiers),
      frenchNumber(report.totals.valuation),
    ],
  ];
  return `\uFEFF${lines.map((line) => line.map(csvField).join(';')).join('\r\n')}\r\n`;
}

/**
 * The yearly statement an association needs for its tax receipt: validated hours and postiers
 * involved, per mission. No cost nor valuation: associations never see pay data.
 */
export async function associationStatement(db: DbOrTx, actor: Actor, associationId: string, year: number) {
  const member =
    actor.role === 'admin'
      ? sql`true`
      : sql`exists (select 1 from ${associationMembers} where ${associationMembers.associationId} = ${associations.id} and ${associationMembers.userId} = ${actor.userId})`;
  const [association] = await db
    .select({
      id: associations.id,
      name: associations.name,
      rna: associations.rna,
      siret: associations.siret,
    })
    .from(associations)
    .where(sql`${associations.id} = ${associationId} and ${member}`);
  if (!association) throw notFound('Association');
  const { rows } = await db.execute<{
    id: string;
    title: string;
    hours: string;
    postiers: number;
    is_total: number;
  }>(sql`
    select m.id, m.title, sum(te.hours) as hours, count(distinct a.postier_id)::int as postiers,
      grouping(m.id, m.title) as is_total
    from time_entries te
    join applications a on a.id = te.application_id
    join missions m on m.id = a.mission_id
    where m.association_id = ${associationId} and te.status = 'validated'
      and te.date >= make_date(${year}::int, 1, 1) and te.date < make_date(${year}::int + 1, 1, 1)
    group by grouping sets ((m.id, m.title), ())
    order by grouping(m.id, m.title), m.title
  `);
  const total = rows.find((r) => Number(r.is_total) !== 0);
  return {
    association,
    year,
    hours: round2(Number(total?.hours ?? 0)),
    postiers: Number(total?.postiers ?? 0),
    missions: rows
      .filter((r) => Number(r.is_total) === 0)
      .map((r) => ({
        id: r.id,
        title: r.title,
        hours: round2(Number(r.hours)),
        postiers: Number(r.postiers),
      })),
  };
}
