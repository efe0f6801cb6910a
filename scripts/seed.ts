// `pnpm seed [--postiers N] [--seed S] [--today YYYY-MM-DD] [--force]`: migrates the database at
// DATABASE_URL, then loads the demo data and prints a JSON summary of what it inserted.
import { parseArgs } from 'node:util';
import { createDb, migrate, schema } from '@passerelle/db';
import { count, sql } from 'drizzle-orm';
import { DEMO_ACCOUNTS, seedDemoData } from './seed-demo';

const USAGE = `usage: pnpm seed [--postiers N] [--seed S] [--associations N] [--missions N] [--today YYYY-MM-DD] [--force]

Loads demo associations, missions, postiers and HR users into the database at DATABASE_URL
(migrating it first). Refuses when the database already holds missions, unless --force is given;
even then, demo data already loaded is never duplicated: the run fails and writes nothing.`;

function fail(message: string): never {
  process.stderr.write(`seed: ${message}\n`);
  process.exit(1);
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

function parseCli() {
  try {
    return parseArgs({
      options: {
        postiers: { type: 'string' },
        seed: { type: 'string' },
        associations: { type: 'string' },
        missions: { type: 'string' },
        today: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

/** The PostgreSQL error code, on the error or on its cause (drizzle wraps driver errors). */
function pgCode(error: unknown): string {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ('code' in e && typeof e.code === 'string') return e.code;
  }
  return '';
}

async function main(): Promise<void> {
  const args = parseCli();
  const { values } = args;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) fail('DATABASE_URL is not set (e.g. postgres://user:password@localhost:5432/passerelle)');
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    fail(`--today must be an ISO date (YYYY-MM-DD), got "${values.today}"`);
  }
  const postiers = integer('postiers', values.postiers, 0);
  const seed = integer('seed', values.seed, 0) ?? 42;
  const associations = integer('associations', values.associations, 1);
  const missions = integer('missions', values.missions, 1);

  await migrate(databaseUrl);
  const client = createDb(databaseUrl, { max: 2, applicationName: 'passerelle-seed' });
  try {
    const [missionRows] = await client.db.select({ n: count() }).from(schema.missions);
    const [demoRows] = await client.db
      .select({ n: count() })
      .from(schema.users)
      .where(sql`lower(${schema.users.email}) = lower(${DEMO_ACCOUNTS.postier.email})`);
    if ((demoRows?.n ?? 0) > 0) {
      fail('the demo data is already loaded (the demo postier account exists); nothing was changed');
    }
    if ((missionRows?.n ?? 0) > 0 && !values.force) {
      fail(
        `the database already holds ${missionRows?.n} missions; refusing to add demo data to it. ` +
          'Use a fresh database, or --force to add it anyway.',
      );
    }
    const summary = await seedDemoData(client.db, {
      seed,
      ...(values.today === undefined ? {} : { today: values.today }),
      ...(postiers === undefined ? {} : { postiers }),
      ...(associations === undefined ? {} : { associations }),
      ...(missions === undefined ? {} : { missions }),
    });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  // A unique violation means (part of) the demo data is there already; the transaction rolled back.
  fail(
    pgCode(error) === '23505'
      ? `demo data already present, nothing was written${cause}`
      : `${message}${cause}`,
  );
});
