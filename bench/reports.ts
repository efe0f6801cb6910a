/**
 * `pnpm bench:reports`: 230,000 postiers and 2,000,000 time entries over a year, generated in SQL
 * (generate_series) in a fresh PostgreSQL; then the hours report grouped by région and by month,
 * as an admin and as HR of one région would ask it. Last line: one JSON object.
 *
 * The time entries are inserted in one statement, so the rollup the report reads
 * (validated_hours_postiers / validated_hours_cells) is filled by the same statement trigger that
 * maintains it in production when hours are validated. After a bulk load made with triggers
 * disabled, rebuild it with `select refresh_validated_hours(null)`.
 */
import { createDb, migrate } from '@passerelle/db';
import { createDatabase, startPostgres } from '@passerelle/testkit/services';
import { hoursReport, hoursReportFromEntries } from '../services/api/src/features/hr/reports';
import type { Actor } from '../services/api/src/features/missions/access';

const POSTIERS = Number(process.env.BENCH_POSTIERS ?? 230_000);
const TIME_ENTRIES = Number(process.env.BENCH_TIME_ENTRIES ?? 2_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const YEAR = 2025;

const log = (message: string) => process.stderr.write(`${message}\n`);

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 10) / 10;
}

async function main() {
  const postgres = await startPostgres({ ephemeral: true });
  try {
    await createDatabase(postgres.urlFor('postgres'), 'bench_reports');
    const url = postgres.urlFor('bench_reports');
    let started = Date.now();
    await migrate(url);
    log(`migrated in ${Date.now() - started} ms`);
    const client = createDb(url, { max: 4, applicationName: 'bench-reports' });
    const { pool, db } = client;
    started = Date.now();
    await pool.query(`
      insert into business_units (code, name, legal_entity)
      select 'bu-' || g, 'Unité ' || g, case when g % 3 = 0 then 'La Banque Postale' else 'La Poste SA' end
      from generate_series(1, 12) g;
      insert into hourly_costs (business_unit_id, effective_from, cost_per_hour)
      select id, d, 35 + (row_number() over ()) % 20
      from business_units, (values (date '2024-01-01'), (date '${YEAR}-07-01')) v(d);
      create temp table c as select row_number() over (order by code) as n, code from communes;
      create index on c (n);
      analyze c;
      create temp table bu as select row_number() over (order by code) as n, id from business_units;
      insert into associations (name, rna, commune_code, label_status, helps_people_in_difficulty)
      select 'Association ' || g, 'W' || lpad(g::text, 9, '0'),
        (select code from c where n = 1 + (g * 7919) % (select count(*) from c)), 'labelled', g % 10 = 0
      from generate_series(1, 2000) g;
      create temp table asso as select row_number() over (order by name) as n, id from associations;
      create index on asso (n);
      create temp table dom as select row_number() over (order by code) as n, code from domains;
      insert into missions (association_id, title, description, domain_code, mode, start_date, end_date, hours_total, status)
      select (select id from asso where n = 1 + g % 2000), 'Mission ' || g, 'Mission de mécénat de compétences',
        (select code from dom where n = 1 + g % (select count(*) from dom)), 'remote',
        date '${YEAR}-01-01', date '${YEAR}-12-31', 40, 'published'
      from generate_series(1, 10000) g;
      create temp table mis as select row_number() over (order by title) as n, id from missions;
      create index on mis (n);
      create index on bu (n);
      analyze mis;
      analyze bu;
    `);
    await pool.query(`
      insert into users (email, role, first_name, last_name)
      select 'postier' || g || '@laposte.fr', 'postier', 'Prénom' || g, 'Nom' || g
      from generate_series(1, ${POSTIERS}) g;
      create temp table pst as select row_number() over (order by email) as n, id from users where role = 'postier';
      insert into postier_profiles (user_id, business_unit_id, commune_code)
      select p.id, (select id from bu where n = 1 + p.n % 12),
        (select code from c where n = 1 + (p.n * 104729) % (select count(*) from c))
      from pst p;
      insert into applications (mission_id, postier_id, motivation, status, hr_status)
      select (select id from mis where n = 1 + (p.n * 31) % 10000), p.id, 'Motivation', 'accepted', 'approved'
      from pst p;
      create temp table app as select row_number() over (order by postier_id) as n, id from applications;
      create index on app (n);
      analyze app;
    `);
    log(`reference rows and ${POSTIERS} postiers in ${Date.now() - started} ms`);
    started = Date.now();
    await pool.query(`
      insert into time_entries (application_id, date, hours, status)
      select app.id, date '${YEAR}-01-01' + (g * 13) % 365, 1 + (g % 7), case when g % 10 < 8 then 'validated' else 'confirmed' end
      from generate_series(0, ${TIME_ENTRIES - 1}) g
      join app on app.n = 1 + g % ${POSTIERS};
      analyze;
    `);
    const loadMs = Date.now() - started;
    log(`${TIME_ENTRIES} time entries, and the rollup kept by their insert trigger, in ${loadMs} ms`);

    const { rows: regions } = await pool.query<{ region_code: string }>(
      `select c.region_code from postier_profiles pp join communes c on c.code = pp.commune_code
       group by c.region_code order by count(*) desc limit 1`,
    );
    const { rows: people } = await pool.query<{ id: string }>(
      `insert into users (email, role, first_name, last_name) values
         ('admin@laposte.fr', 'admin', 'Ad', 'Min'), ('rh@laposte.fr', 'hr', 'R', 'H') returning id`,
    );
    const [adminRow, hrRow] = people;
    if (!adminRow || !hrRow || !regions[0]) throw new Error('bench setup failed');
    await pool.query('insert into hr_scopes (user_id, region_code) values ($1, $2)', [
      hrRow.id,
      regions[0].region_code,
    ]);
    const actors: Actor[] = [
      { userId: adminRow.id, role: 'admin' },
      { userId: hrRow.id, role: 'hr' },
    ];

    const timings: number[] = [];
    const per: Record<string, number[]> = {};
    for (let run = -1; run < RUNS; run++) {
      for (const actor of actors) {
        for (const groupBy of ['region', 'month'] as const) {
          const t0 = performance.now();
          const report = await hoursReport(db, actor, { year: YEAR, groupBy });
          const ms = performance.now() - t0;
          if (run < 0) {
            const reference = await hoursReportFromEntries(db, actor, { year: YEAR, groupBy });
            if (JSON.stringify(reference) !== JSON.stringify(report)) {
              throw new Error(`${actor.role} ${groupBy}: rollup report differs from the time entries`);
            }
            log(
              `${actor.role} ${groupBy}: ${report.rows.length} rows, ${report.totals.hours} h (warm-up ${ms.toFixed(0)} ms)`,
            );
            continue;
          }
          timings.push(ms);
          const key = `${actor.role}_${groupBy}`;
          per[key] = [...(per[key] ?? []), ms];
        }
      }
    }
    timings.sort((a, b) => a - b);
    const breakdown = Object.fromEntries(
      Object.entries(per).map(([k, v]) => [
        `${k}_p50_ms`,
        percentile(
          [...v].sort((a, b) => a - b),
          50,
        ),
      ]),
    );
    await client.close();
    console.log(
      JSON.stringify({
        postiers: POSTIERS,
        time_entries: TIME_ENTRIES,
        time_entries_and_rollup_load_ms: loadMs,
        runs: timings.length,
        report_p50_ms: percentile(timings, 50),
        report_p99_ms: percentile(timings, 99),
        ...breakdown,
      }),
    );
  } finally {
    await postgres.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
