// Loads the demo data (see packages/db/src/demo/generate.ts) into a migrated database, in one
// transaction: a failure anywhere leaves the database exactly as it was.
import { hash } from '@node-rs/argon2';
import type { Database } from '@passerelle/db';
import { schema } from '@passerelle/db';
import cliProgress from 'cli-progress';
import { getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable } from 'drizzle-orm/pg-core';

// Relative paths: @passerelle/db only exports its index and its schema.
import { DEMO_ACCOUNTS, type DemoData, generateDemoData } from '../packages/db/src/demo/index';
import {
  DOMAINS_OF_ACTION,
  loadGeography,
  loadSkillCategories,
  loadSkills,
} from '../packages/db/src/reference/index';

export {
  DEMO_ACCOUNTS,
  DEMO_ADMIN_PASSWORD,
  DEMO_PASSWORD,
  type DemoAccount,
} from '../packages/db/src/demo/index';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

// Algorithm.Argon2id: the package's const enum cannot be imported under verbatimModuleSyntax.
const ARGON2ID = 2;
/** Same parameters as the api (OWASP's minimum for argon2id), so demo hashes verify like real ones. */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Rows per insert statement: big enough to amortise round trips, small enough to stream progress. */
const CHUNK_ROWS = 5_000;

export interface SeedDemoOptions {
  seed: number;
  /** ISO date the data is built around; today (UTC) by default. */
  today?: string;
  postiers?: number;
  associations?: number;
  pendingAssociations?: number;
  missions?: number;
  /**
   * `auto`: a progress bar when stderr is a terminal, a line per table otherwise.
   * Progress goes to stderr so stdout stays clean for whatever the caller prints (JSON summary).
   */
  progress?: 'auto' | 'bar' | 'lines' | 'silent';
}

export type SeedRowCounts = ReturnType<typeof countRows>;

export interface SeedDemoSummary {
  seed: number;
  today: string;
  /** Whether the admin account was created (false: it already existed, e.g. made by the api). */
  adminCreated: boolean;
  /** Rows generated per table (existing admin, business units and settings are kept, not replaced). */
  rows: SeedRowCounts;
  generateMs: number;
  insertMs: number;
  accounts: typeof DEMO_ACCOUNTS;
}

interface Progress {
  table(name: string, total: number): void;
  advance(rows: number): void;
  done(): void;
}

function createProgress(mode: SeedDemoOptions['progress'], totalRows: number): Progress {
  const chosen = mode === 'auto' || mode === undefined ? (process.stderr.isTTY ? 'bar' : 'lines') : mode;
  if (chosen === 'silent') return { table() {}, advance() {}, done() {} };
  if (chosen === 'bar') {
    // The bar is drawn on stderr, so it is stderr being a terminal that matters: with stdout piped
    // (`pnpm seed | jq`) the bar still shows, and a redirected stderr gets no escape codes.
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: 'demo data |{bar}| {percentage}% | {value}/{total} rows | {table}',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(totalRows, 0, { table: '' });
    return {
      table: (name) => bar.update({ table: name }),
      advance: (rows) => bar.increment(rows),
      done: () => bar.stop(),
    };
  }
  const started = Date.now();
  let current = '';
  let inserted = 0;
  return {
    table(name, total) {
      current = name;
      process.stderr.write(`[seed] ${name}: ${total} rows\n`);
    },
    advance(rows) {
      const before = Math.floor((inserted / totalRows) * 10);
      inserted += rows;
      const after = Math.floor((inserted / totalRows) * 10);
      // One line per 10 % on big runs: enough to see it move in a CI log, not a line per chunk.
      if (after > before && after < 10) {
        process.stderr.write(`[seed] ${after * 10} % (${inserted}/${totalRows} rows, in ${current})\n`);
      }
    },
    done() {
      process.stderr.write(
        `[seed] ${inserted} rows inserted in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    },
  };
}

/**
 * Multi-row inserts, one array parameter per column: `insert … select * from unnest($1::uuid[], …)`.
 * Plain `values (…), (…)` spends its time building and parsing statements of 16,000 parameters
 * (230,000 postiers took three minutes); arrays keep every statement at a handful of parameters,
 * far from PostgreSQL's 65,535 limit, whatever the chunk size. Values still go through each column's
 * own driver mapping, as drizzle's inserts would.
 */
async function insertRows<TTable extends PgTable>(
  tx: Tx,
  table: TTable,
  name: string,
  rows: readonly PgInsertValue<TTable>[],
  progress: Progress,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  progress.table(name, rows.length);
  const tableColumns: Record<string, PgColumn> = getTableColumns(table);
  // Columns left out (created_at, updated_at…) keep their defaults, as with drizzle's inserts.
  const columns = Object.keys(first).flatMap((key) => {
    const column = tableColumns[key];
    if (!column) return [];
    const type = column.getSQLType();
    // unnest() flattens arrays of arrays: an array column would need another strategy.
    if (type.endsWith(']')) throw new Error(`insertRows: array column ${column.name} is not supported`);
    return [{ key, column, type }];
  });
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const chunk = rows.slice(i, i + CHUNK_ROWS) as readonly Record<string, unknown>[];
    const arrays = columns.map(({ key, column, type }) => {
      const values = chunk.map((row) => {
        const value = row[key];
        return value === null || value === undefined ? null : column.mapToDriverValue(value);
      });
      return sql`${sql.param(values)}::${sql.raw(type)}[]`;
    });
    await tx.execute(
      sql`insert into ${table} (${sql.join(
        columns.map(({ column }) => sql.identifier(column.name)),
        sql`, `,
      )}) select * from unnest(${sql.join(arrays, sql`, `)})`,
    );
    progress.advance(chunk.length);
  }
}

function countRows(data: DemoData) {
  return {
    business_units: data.businessUnits.length,
    hourly_costs: data.hourlyCosts.length,
    users: data.users.length,
    postier_profiles: data.postierProfiles.length,
    postier_skills: data.postierSkills.length,
    postier_domains: data.postierDomains.length,
    associations: data.associations.length,
    association_domains: data.associationDomains.length,
    association_members: data.associationMembers.length,
    missions: data.missions.length,
    mission_skills: data.missionSkills.length,
    hr_scopes: data.hrScopes.length,
    notification_preferences: data.notificationPreferences.length,
    settings: data.settings.length,
  };
}

/**
 * Generates the demo data and inserts it in one transaction. Passwords are hashed once (argon2id
 * takes tens of milliseconds by design): every demo account shares the demo password, the admin
 * has its own. Fails, leaving nothing behind, if the demo data is already there.
 */
export async function seedDemoData(db: Database, options: SeedDemoOptions): Promise<SeedDemoSummary> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const generateStarted = performance.now();
  const data = generateDemoData({
    seed: options.seed,
    today,
    ...(options.postiers === undefined ? {} : { postiers: options.postiers }),
    ...(options.associations === undefined ? {} : { associations: options.associations }),
    ...(options.pendingAssociations === undefined
      ? {}
      : { pendingAssociations: options.pendingAssociations }),
    ...(options.missions === undefined ? {} : { missions: options.missions }),
    geography: loadGeography(),
    skills: loadSkills(),
    categories: loadSkillCategories(),
    domains: DOMAINS_OF_ACTION,
  });
  const generateMs = performance.now() - generateStarted;

  const [demoHash, adminHash] = await Promise.all([
    hash(DEMO_ACCOUNTS.postier.password, ARGON2_OPTIONS),
    hash(DEMO_ACCOUNTS.admin.password, ARGON2_OPTIONS),
  ]);

  const rows = countRows(data);
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 1);
  const progress = createProgress(options.progress, totalRows);
  const insertStarted = performance.now();
  let adminCreated = false;
  const { users } = schema;

  try {
    await db.transaction(async (tx) => {
      // The admin may already exist (the api creates it from ADMIN_EMAIL at start): keep it, and
      // record the labels as decided by whoever holds that address.
      progress.table('admin', 1);
      const created = await tx
        .insert(users)
        .values({ ...data.admin, passwordHash: adminHash })
        .onConflictDoNothing()
        .returning({ id: users.id });
      adminCreated = created.length > 0;
      const [admin] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = lower(${data.admin.email})`);
      if (!admin) throw new Error(`no admin account ${data.admin.email} after inserting it`);
      progress.advance(1);

      // Business units may have been created by hand already: reuse those of the same code.
      await tx.insert(schema.businessUnits).values(data.businessUnits).onConflictDoNothing();
      const existingUnits = await tx
        .select({ id: schema.businessUnits.id, code: schema.businessUnits.code })
        .from(schema.businessUnits)
        .where(
          inArray(
            schema.businessUnits.code,
            data.businessUnits.map((b) => b.code),
          ),
        );
      const unitId = new Map<string, string>();
      for (const generated of data.businessUnits) {
        const found = existingUnits.find((u) => u.code === generated.code);
        unitId.set(generated.id, found?.id ?? generated.id);
      }
      const remapUnit = (id: string | null): string | null => (id === null ? null : (unitId.get(id) ?? id));
      const remapped = [...unitId].some(([from, to]) => from !== to);
      progress.advance(data.businessUnits.length);

      await tx
        .insert(schema.hourlyCosts)
        .values(
          data.hourlyCosts.map((c) => ({
            ...c,
            businessUnitId: remapUnit(c.businessUnitId) ?? c.businessUnitId,
          })),
        )
        .onConflictDoNothing();
      progress.advance(data.hourlyCosts.length);
      // Settings an admin already chose win over the demo defaults.
      await tx.insert(schema.settings).values(data.settings).onConflictDoNothing();
      progress.advance(data.settings.length);

      // The users table is the one that makes a second run fail (unique emails), before anything
      // big is written: the whole transaction then rolls back.
      await insertRows(
        tx,
        users,
        'users',
        data.users.map((u) => ({ ...u, passwordHash: demoHash })),
        progress,
      );
      await insertRows(
        tx,
        schema.postierProfiles,
        'postier_profiles',
        remapped
          ? data.postierProfiles.map((p) => ({ ...p, businessUnitId: remapUnit(p.businessUnitId) }))
          : data.postierProfiles,
        progress,
      );
      await insertRows(tx, schema.postierSkills, 'postier_skills', data.postierSkills, progress);
      await insertRows(tx, schema.postierDomains, 'postier_domains', data.postierDomains, progress);
      await insertRows(
        tx,
        schema.associations,
        'associations',
        data.associations.map((a) => (a.labelDecidedBy === null ? a : { ...a, labelDecidedBy: admin.id })),
        progress,
      );
      await insertRows(
        tx,
        schema.associationDomains,
        'association_domains',
        data.associationDomains,
        progress,
      );
      await insertRows(
        tx,
        schema.associationMembers,
        'association_members',
        data.associationMembers,
        progress,
      );
      await insertRows(tx, schema.missions, 'missions', data.missions, progress);
      await insertRows(tx, schema.missionSkills, 'mission_skills', data.missionSkills, progress);
      await insertRows(
        tx,
        schema.hrScopes,
        'hr_scopes',
        data.hrScopes.map((s) => ({ ...s, businessUnitId: remapUnit(s.businessUnitId) })),
        progress,
      );
      await insertRows(
        tx,
        schema.notificationPreferences,
        'notification_preferences',
        data.notificationPreferences,
        progress,
      );
      // Announce the published missions as the api would, so the matcher ranks them once it runs
      // and the demo postiers see recommendations. One statement: ids only, like every event.
      await tx.execute(sql`
        insert into outbox (event_type, payload)
        select 'mission.published', jsonb_build_object('missionId', id::text)
        from missions where status = 'published' order by published_at, id`);
    });
  } finally {
    progress.done();
  }

  // Fresh statistics after a bulk load, so the first searches and reports get sensible plans.
  await db.execute(
    sql`analyze users, postier_profiles, postier_skills, postier_domains, associations, missions, mission_skills`,
  );

  return {
    seed: options.seed,
    today,
    adminCreated,
    rows,
    generateMs: Math.round(generateMs),
    insertMs: Math.round(performance.now() - insertStarted),
    accounts: DEMO_ACCOUNTS,
  };
}
