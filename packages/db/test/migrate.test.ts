import { migrate } from '@passerelle/db';
import { adminDatabaseUrl, createDatabase } from '@passerelle/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeography, loadSkills } from '../src/reference/index';

const adminUrl = adminDatabaseUrl();
const name = `empty_${process.pid}_${Date.now()}`;
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrate()', () => {
  beforeAll(async () => {
    await createDatabase(adminUrl, name);
  });
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('applies every migration to an empty database and loads the reference data', async () => {
    const first = await migrate(url);
    expect(first.referenceRowsChanged).toBeGreaterThan(30_000);
    const [counts] = await query<{
      regions: number;
      departements: number;
      communes: number;
      skills: number;
      domains: number;
    }>(
      `select (select count(*) from regions)::int as regions, (select count(*) from departements)::int as departements,
              (select count(*) from communes)::int as communes, (select count(*) from skills)::int as skills,
              (select count(*) from domains)::int as domains`,
    );
    expect(counts).toEqual({
      regions: 18,
      departements: 101,
      communes: loadGeography().communes.length,
      skills: loadSkills().length,
      domains: 12,
    });
    expect(counts?.communes).toBeGreaterThan(34_000);
    expect(counts?.skills).toBeGreaterThanOrEqual(150);
  });

  it('changes nothing when run a second time, even concurrently', async () => {
    const before = await query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    expect(a.referenceRowsChanged).toBe(0);
    expect(b.referenceRowsChanged).toBe(0);
    const after = await query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
    expect(after).toEqual(before);
  });

  it('searches missions in French without accents', async () => {
    const rows = await query<{ hit: boolean }>(
      `select to_tsvector('fr_unaccent', 'Ateliers d''inclusion numérique pour les associations') @@ plainto_tsquery('fr_unaccent', 'numerique association') as hit`,
    );
    expect(rows[0]?.hit).toBe(true);
  });
});
