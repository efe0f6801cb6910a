// One-shot migration (the compose `migrate` service): schema, reference data, and demo data when asked.
import { loadConfigOrExit } from '@passerelle/config';
import { createDb, migrate, schema } from '@passerelle/db';
import { count } from 'drizzle-orm';
import { seedDemoData } from './seed-demo';

const config = loadConfigOrExit();
const result = await migrate(config.DATABASE_URL);
process.stdout.write(`migrated; ${result.referenceRowsChanged} reference rows changed\n`);
if (config.DEMO_DATA) {
  const client = createDb(config.DATABASE_URL, { max: 4 });
  const [row] = await client.db.select({ n: count() }).from(schema.missions);
  if ((row?.n ?? 0) === 0) await seedDemoData(client.db, { seed: 42 });
  await client.close();
}
