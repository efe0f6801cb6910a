import { verify } from '@node-rs/argon2';
import { schema } from '@passerelle/db';
import { createTestDatabase, type TestDatabase } from '@passerelle/testkit';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, type SeedDemoSummary, seedDemoData } from '../../../scripts/seed-demo';
import { generateDemoData } from '../src/demo/index';
import { DOMAINS_OF_ACTION, loadGeography, loadSkillCategories, loadSkills } from '../src/reference/index';

const TABLES = {
  business_units: schema.businessUnits,
  hourly_costs: schema.hourlyCosts,
  users: schema.users,
  postier_profiles: schema.postierProfiles,
  postier_skills: schema.postierSkills,
  postier_domains: schema.postierDomains,
  associations: schema.associations,
  association_domains: schema.associationDomains,
  association_members: schema.associationMembers,
  missions: schema.missions,
  mission_skills: schema.missionSkills,
  hr_scopes: schema.hrScopes,
  notification_preferences: schema.notificationPreferences,
  settings: schema.settings,
} as const;

async function counts(db: TestDatabase['db']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    const [row] = await db.select({ n: count() }).from(table);
    out[name] = row?.n ?? 0;
  }
  return out;
}

describe('seedDemoData', () => {
  let database: TestDatabase;
  let summary: SeedDemoSummary;
  let preexistingAdminId: string;
  let preexistingUnitId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    // As after a first start: the api already created the admin, and someone a business unit.
    const [admin] = await database.db
      .insert(schema.users)
      .values({
        email: 'Admin@LaPoste.fr',
        role: 'admin',
        firstName: 'Ada',
        lastName: 'Min',
        passwordHash: 'x',
      })
      .returning({ id: schema.users.id });
    const [unit] = await database.db
      .insert(schema.businessUnits)
      .values({ code: 'bscc', name: 'BSCC', legalEntity: 'La Poste SA' })
      .returning({ id: schema.businessUnits.id });
    if (!admin || !unit) throw new Error('setup failed');
    preexistingAdminId = admin.id;
    preexistingUnitId = unit.id;
    summary = await seedDemoData(database.db, {
      seed: 7,
      today: '2026-03-15',
      postiers: 500,
      progress: 'silent',
    });
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it('inserts every generated row', async () => {
    const actual = await counts(database.db);
    expect(summary.rows.users).toBe(500 + 1 + summary.rows.association_members + summary.rows.hr_scopes);
    expect(actual).toEqual({
      ...summary.rows,
      // The pre-existing admin and business unit, counted once.
      users: summary.rows.users + 1,
    });
    expect(actual.postier_profiles).toBe(501);
    expect(actual.missions).toBe(320);
    expect(summary.adminCreated).toBe(false);
  });

  it('reuses the admin and the business unit that already existed', async () => {
    const decidedBy = await database.db
      .selectDistinct({ id: schema.associations.labelDecidedBy })
      .from(schema.associations)
      .where(eq(schema.associations.labelStatus, 'labelled'));
    expect(decidedBy).toEqual([{ id: preexistingAdminId }]);
    const [onUnit] = await database.db
      .select({ n: count() })
      .from(schema.postierProfiles)
      .where(eq(schema.postierProfiles.businessUnitId, preexistingUnitId));
    expect(onUnit?.n).toBeGreaterThan(100);
  });

  it('stores the generated values exactly (dates, nulls, booleans, time zones)', async () => {
    const data = generateDemoData({
      seed: 7,
      today: '2026-03-15',
      postiers: 500,
      geography: loadGeography(),
      skills: loadSkills(),
      categories: loadSkillCategories(),
      domains: DOMAINS_OF_ACTION,
    });
    const user = data.users[42];
    const [storedUser] = await database.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.id, user?.id ?? ''));
    expect(storedUser).toMatchObject({ ...user });

    const withNulls = data.postierProfiles.find(
      (p) => p.availableFrom === null && p.lastSolicitedAt === null,
    );
    const withDates = data.postierProfiles.find(
      (p) => p.availableFrom !== null && p.lastSolicitedAt !== null,
    );
    for (const profile of [withNulls, withDates]) {
      const [stored] = await database.db
        .select()
        .from(schema.postierProfiles)
        .where(eq(schema.postierProfiles.userId, profile?.userId ?? ''));
      expect(stored).toMatchObject({ ...profile, businessUnitId: expect.any(String) });
    }

    for (const mission of [
      data.missions[0],
      data.missions.find((m) => m.status === 'draft' && m.mode === 'remote'),
    ]) {
      const [stored] = await database.db
        .select()
        .from(schema.missions)
        .where(eq(schema.missions.id, mission?.id ?? ''));
      expect(stored).toMatchObject({ ...mission });
    }
    const association = data.associations.find((a) => a.rna === null || a.siret === null);
    const [storedAssociation] = await database.db
      .select()
      .from(schema.associations)
      .where(eq(schema.associations.id, association?.id ?? ''));
    expect(storedAssociation).toMatchObject({ ...association, labelDecidedBy: preexistingAdminId });
    expect(storedAssociation?.description).toContain('’');

    const costs = await database.db.select({ cost: schema.hourlyCosts.costPerHour }).from(schema.hourlyCosts);
    expect(costs.map((c) => c.cost).sort()).toEqual(data.hourlyCosts.map((c) => c.costPerHour).sort());
  });

  it('makes the demo accounts able to log in with the demo password', async () => {
    for (const account of [DEMO_ACCOUNTS.postier, DEMO_ACCOUNTS.association, DEMO_ACCOUNTS.hr]) {
      const [user] = await database.db
        .select({ hash: schema.users.passwordHash, verified: schema.users.emailVerifiedAt })
        .from(schema.users)
        .where(sql`lower(${schema.users.email}) = lower(${account.email})`);
      expect(user?.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verify(user?.hash ?? '', account.password)).toBe(true);
      expect(user?.verified).toBeInstanceOf(Date);
    }
  });

  it('lets the search trigger index the missions', async () => {
    const [row] = await database.db
      .select({ n: count() })
      .from(schema.missions)
      .where(sql`${schema.missions.searchVector} @@ websearch_to_tsquery('fr_unaccent', 'numerique')`);
    expect(row?.n).toBeGreaterThan(5);
  });

  it('writes nothing when it fails midway (a second run hits the unique emails)', async () => {
    const before = await counts(database.db);
    await expect(
      seedDemoData(database.db, { seed: 8, today: '2026-03-15', postiers: 50, progress: 'silent' }),
    ).rejects.toThrow();
    expect(await counts(database.db)).toEqual(before);
  });

  it('creates the admin when the api has not', async () => {
    const fresh = await createTestDatabase();
    try {
      const result = await seedDemoData(fresh.db, {
        seed: 1,
        today: '2026-03-15',
        postiers: 20,
        missions: 40,
        progress: 'silent',
      });
      expect(result.adminCreated).toBe(true);
      const [admin] = await fresh.db
        .select({ hash: schema.users.passwordHash, role: schema.users.role })
        .from(schema.users)
        .where(eq(schema.users.email, DEMO_ACCOUNTS.admin.email));
      expect(admin?.role).toBe('admin');
      expect(await verify(admin?.hash ?? '', DEMO_ACCOUNTS.admin.password)).toBe(true);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
