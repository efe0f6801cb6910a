import { fileURLToPath } from 'node:url';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import { createDb } from './client';
import { loadReferenceData } from './reference-load';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations', import.meta.url));

// Arbitrary constant: serialises concurrent migrate() calls (several services booting at once).
const MIGRATION_LOCK = 727_274_001;

export interface MigrateResult {
  referenceRowsChanged: number;
}

/** Applies pending migrations, then loads reference data. Safe to run twice, and concurrently. */
export async function migrate(databaseUrl: string): Promise<MigrateResult> {
  const client = createDb(databaseUrl, { max: 2, applicationName: 'passerelle-migrate' });
  const lock = await client.pool.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await drizzleMigrate(client.db, { migrationsFolder: MIGRATIONS_FOLDER });
    const referenceRowsChanged = await loadReferenceData(client.db);
    return { referenceRowsChanged };
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    lock.release();
    await client.close();
  }
}
