import { schema } from '@passerelle/db';
import { createTestDatabase, type TestDatabase } from '@passerelle/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Two databases, as two test files get: a row written in one never shows in the other.
describe('per-file test databases', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('start from the migrated template, reference data included', async () => {
    const regions = await a.db.select().from(schema.regions);
    expect(regions).toHaveLength(18);
  });

  it('never see each other rows', async () => {
    await a.db
      .insert(schema.businessUnits)
      .values({ code: 'BU-ISO', name: 'Isolation', legalEntity: 'La Poste SA' });
    expect(await a.db.select().from(schema.businessUnits)).toHaveLength(1);
    expect(await b.db.select().from(schema.businessUnits)).toHaveLength(0);
    expect(a.name).not.toBe(b.name);
  });
});
