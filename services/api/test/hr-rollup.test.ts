import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoursReport, hoursReportFromEntries } from '../src/features/hr/reports';
import type { Actor } from '../src/features/missions/access';
import { createUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

const YEAR = 2025;
const GROUPS = ['region', 'businessUnit', 'month', 'domain', 'association'] as const;

/** The rollup-backed report must give exactly what the time entries give, before and after changes. */
describe('HR report rollup (validated_hours_*) matches the time entries', () => {
  let t: TestApp;
  const actors: Actor[] = [];

  const compare = async () => {
    for (const actor of actors) {
      for (const groupBy of GROUPS) {
        const fast = await hoursReport(t.database.db, actor, { year: YEAR, groupBy });
        const reference = await hoursReportFromEntries(t.database.db, actor, { year: YEAR, groupBy });
        expect(fast, `${actor.role} ${groupBy}`).toEqual(reference);
      }
    }
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const admin = await createUser(t.app, 'admin');
    const hrLyon = await createUser(t.app, 'hr');
    const hrUnit = await createUser(t.app, 'hr');
    const tag = randomUUID().slice(0, 6);
    await t.database.db.execute(sql`
      insert into business_units (code, name, legal_entity)
      select ${tag} || '-' || g, 'Unité ' || g, 'La Poste SA' from generate_series(1, 3) g`);
    await t.database.db.execute(sql`
      insert into hourly_costs (business_unit_id, effective_from, cost_per_hour)
      select id, d, 50 + length(code) + extract(month from d)
      from business_units, (values (date '2024-01-01'), (date '2025-07-01')) v(d)
      where code like ${`${tag}-%`}`);
    await t.database.db.execute(sql`
      insert into associations (name, rna, commune_code, label_status, helps_people_in_difficulty)
      select 'Asso ' || ${tag} || g, 'W' || lpad((floor(random() * 1e9))::text, 9, '0'), '69123', 'labelled', g = 1
      from generate_series(1, 3) g`);
    await t.database.db.execute(sql`
      insert into missions (association_id, title, description, domain_code, mode, start_date, end_date, hours_total, status)
      select a.id, 'Mission ' || a.name || ' ' || g, 'd', (select code from domains order by code offset g limit 1),
        'remote', date '2025-01-01', date '2025-12-31', 40, 'published'
      from associations a, generate_series(1, 2) g where a.name like ${`Asso ${tag}%`}`);
    await t.database.db.execute(sql`
      insert into users (email, role, first_name, last_name)
      select 'p' || g || '.' || ${tag} || '@laposte.fr', 'postier', 'P', 'N' || g from generate_series(1, 12) g`);
    await t.database.db.execute(sql`
      insert into postier_profiles (user_id, business_unit_id, commune_code)
      select u.id,
        case when n % 4 = 3 then null else (select id from business_units where code = ${tag} || '-' || (1 + n % 3)) end,
        case n % 3 when 0 then '69123' when 1 then '13055' else null end
      from (select id, row_number() over (order by email) as n from users where email like ${`%.${tag}@laposte.fr`}) u`);
    await t.database.db.execute(sql`
      insert into applications (mission_id, postier_id, motivation, status, hr_status)
      select m.id, u.id, 'm', 'accepted', 'approved'
      from (select id, row_number() over (order by email) as n from users where email like ${`%.${tag}@laposte.fr`}) u
      join (select id, row_number() over (order by title) as n from missions where title like ${`Mission Asso ${tag}%`}) m
        on m.n = 1 + u.n % 6 or (u.n = 1 and m.n = 2)`);
    await t.database.db.execute(sql`
      -- Everyone some hours; postier 1 a full year at 10 h a day, above 3 × PASS.
      insert into time_entries (application_id, date, hours, status)
      select a.id, date '2025-01-01' + d, case when u.n = 1 then 10 else 1 + d % 5 end,
        case when d % 7 = 0 then 'confirmed' else 'validated' end
      from applications a
      join (select id, row_number() over (order by email) as n from users where email like ${`%.${tag}@laposte.fr`}) u
        on u.id = a.postier_id
      cross join generate_series(0, 364) d
      where u.n = 1 or d % (5 + u.n) = 0`);
    await t.database.db.execute(sql`
      insert into hr_scopes (user_id, region_code) values (${hrLyon.id}, '84')`);
    await t.database.db.execute(sql`
      insert into hr_scopes (user_id, business_unit_id)
      select ${hrUnit.id}, id from business_units where code = ${`${tag}-2`}
    `);
    actors.push(
      { userId: admin.id, role: 'admin' },
      { userId: hrLyon.id, role: 'hr' },
      { userId: hrUnit.id, role: 'hr' },
    );
  });
  afterAll(() => t.close());

  it('gives the same rows and totals as the time entries, cap included', async () => {
    const report = await hoursReport(
      t.database.db,
      { userId: actors[0]?.userId ?? '', role: 'admin' },
      {
        year: YEAR,
        groupBy: 'region',
      },
    );
    expect(report.totals.hours).toBeGreaterThan(3650);
    await compare();
    // The capped postier is there: the total is below hours × rates.
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from validated_hours_postiers where year = ${YEAR} and month = 0 and raw > 141300`,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('stays equal after un-validation, a new rate, a move, a flag change and a deletion', async () => {
    await t.database.db.execute(sql`
      update time_entries set status = 'rejected'
      where id in (select id from time_entries where status = 'validated' order by date, id limit 40)`);
    await compare();
    await t.database.db.execute(sql`
      update time_entries set status = 'validated' where status = 'confirmed'
        and id in (select id from time_entries order by id limit 200)`);
    await compare();
    await t.database.db.execute(sql`
      insert into hourly_costs (business_unit_id, effective_from, cost_per_hour)
      select business_unit_id, date '2025-03-15', 61 from hourly_costs group by business_unit_id`);
    await compare();
    await t.database.db.execute(sql`
      update postier_profiles set commune_code = '69123', business_unit_id = (select min(business_unit_id::text)::uuid from hourly_costs)
      where user_id in (select postier_id from applications order by postier_id limit 3)`);
    await compare();
    await t.database.db.execute(sql`
      update associations set helps_people_in_difficulty = not helps_people_in_difficulty`);
    await compare();
    await t.database.db.execute(sql`
      delete from time_entries where id in (select id from time_entries order by id desc limit 100)`);
    await compare();
    await t.database.db.execute(sql`select refresh_validated_hours(null)`);
    await compare();
  });
});
