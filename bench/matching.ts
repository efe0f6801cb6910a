/**
 * pnpm bench:matching — the matching index against PostgreSQL with a GIN index, on the same data.
 *
 * Starts its own PostgreSQL and Redis, loads the demo data (BENCH_POSTIERS = 230,000 postiers,
 * 200 missions; realistic skills over the taxonomy, communes weighted by population), then:
 *
 * 1. builds the MatchingIndex from the postiers as the matcher loads them (index_build_ms, index_mb);
 * 2. copies the same candidates into one table (skills as text[] with a GIN index, coordinates,
 *    precomputed remaining quota);
 * 3. releases the loaded profiles and collects the garbage of seeding and loading (the matcher
 *    keeps only its index), ranks every mission WARMUP_ROUNDS times untimed, then BENCH_ROUNDS
 *    times timed, each call alone (rank_p50_ms, rank_p99_ms wall clock; rank_cpu_p99_ms in CPU
 *    time, which the machine's other load does not inflate; rank_gc_pauses during the timed calls);
 * 4. ranks each mission with one SQL query on that table: the same hard filters and a score
 *    expression approximating the same formula, top 50 (pg_gin_p50_ms);
 * 5. end to end: the matcher as its own process, the outbox relay and the API in this one;
 *    30 drafts published through POST /api/v1/missions/:id/publish, each timed until its
 *    matches are committed (e2e_publish_to_matches_p95_ms).
 *
 * Progress goes to stderr; the last line on stdout is one JSON object.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseConfig } from '@passerelle/config';
import { createDb, type Database, migrate } from '@passerelle/db';
import { type CandidateProfile, MatchingIndex, type MissionQuery, type Taxonomy } from '@passerelle/matching';
import { producerConnection, QUEUES, type QueueName } from '@passerelle/queue';
import { type Child, spawnChild, startPostgres, startRedis, waitFor } from '@passerelle/testkit/services';
import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import type { Pool } from 'pg';
import { DEMO_ACCOUNTS } from '../packages/db/src/demo/index';
import { seedDemoData } from '../scripts/seed-demo';
import { buildApp } from '../services/api/src/app';
import { loadMission, loadPostiers, loadTaxonomy, TOP_K } from '../services/matcher/src/index';
import { createRelay } from '../services/notifier/src/relay';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POSTIERS = Number(process.env.BENCH_POSTIERS ?? 230_000);
const MISSIONS = Number(process.env.BENCH_MISSIONS ?? 200);
/** Passes over the 200 missions for the index (each mission ranked this many times). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
/** Untimed passes first (JIT compilation, lazily grown scratch buffers). */
const WARMUP_ROUNDS = 3;
/** Passes over the missions for PostgreSQL (after one warm-up pass). */
const PG_ROUNDS = Number(process.env.BENCH_PG_ROUNDS ?? 2);
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 30);

const log = (message: string) => process.stderr.write(`bench:matching ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** A full garbage collection, without requiring node --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}

/** Counts the GC pauses (any kind) from now until `stop`. */
function observeGc(): { stop(): Promise<{ count: number; ms: number }> } {
  const since = performance.now();
  let until = Number.POSITIVE_INFINITY;
  let count = 0;
  let ms = 0;
  const take = (entries: readonly PerformanceEntry[]) => {
    for (const entry of entries) {
      if (entry.startTime < since || entry.startTime > until) continue;
      count++;
      ms += entry.duration;
    }
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      until = performance.now();
      // Entries are delivered asynchronously: let the pending ones arrive.
      await new Promise((resolve) => setTimeout(resolve, 50));
      take(observer.takeRecords());
      observer.disconnect();
      return { count, ms };
    },
  };
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

// ------------------------------------------------------------------------------ PostgreSQL + GIN

const CANDIDATES_TABLE = `
  CREATE TABLE bench_candidates (
    id uuid PRIMARY KEY,
    eligible boolean NOT NULL,          -- active and opted in
    remaining_quota real NOT NULL,
    latitude double precision,
    longitude double precision,
    departement_code text,
    radius_km integer NOT NULL,
    remote_ok boolean NOT NULL,
    available_from date,
    available_to date,
    skills text[] NOT NULL,             -- skill codes
    levels integer[] NOT NULL,          -- level of skills[i]
    categories text[] NOT NULL,         -- categories of the skills (for sibling credit)
    category_levels integer[] NOT NULL, -- best level in categories[i]
    domains text[] NOT NULL,
    solicitations integer NOT NULL,
    last_solicited_at timestamptz
  )`;

/**
 * One query per mission: the index's hard filters (eligible, quota left, availability overlapping,
 * not applied, a relevant skill or sibling — the GIN part — and the mobility reach), then
 * 0.6·skills + 0.2·geography + 0.1·domain + 0.1·freshness, top 50, ties by id. The sibling credit
 * uses the best level held in the category, an approximation of the index's "another skill of
 * the category".
 */
const RANK_SQL = `
  WITH m AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::float8[], $4::text[]) AS m(code, want, w, cat)
  ), c AS (
    SELECT b.id,
      (SELECT sum(m.w * greatest(
                 CASE WHEN p.pos IS NULL THEN 0
                      ELSE CASE least(3, greatest(0, m.want - b.levels[p.pos]))
                             WHEN 0 THEN 1 WHEN 1 THEN 0.6 WHEN 2 THEN 0.3 ELSE 0.1 END END,
                 CASE WHEN p.cpos IS NULL THEN 0
                      ELSE 0.25 * CASE least(3, greatest(0, m.want - b.category_levels[p.cpos]))
                             WHEN 0 THEN 1 WHEN 1 THEN 0.6 WHEN 2 THEN 0.3 ELSE 0.1 END END))
              / sum(m.w)
         FROM m CROSS JOIN LATERAL (
           SELECT array_position(b.skills, m.code) AS pos, array_position(b.categories, m.cat) AS cpos
         ) p) AS skill_score,
      CASE
        WHEN $6 = 'remote' THEN 1.0
        WHEN b.latitude IS NOT NULL AND $7::float8 IS NOT NULL THEN
          CASE WHEN d.km <= d.reach THEN CASE WHEN d.reach > 0 THEN 1 - 0.5 * least(1, d.km / d.reach) ELSE 1 END
               WHEN $6 = 'hybrid' AND b.remote_ok THEN 0.25 ELSE 0 END
        WHEN b.departement_code = $9 THEN 0.75
        WHEN $6 = 'hybrid' AND b.remote_ok THEN 0.25
        ELSE 0
      END AS geo,
      CASE WHEN $12 = ANY (b.domains) THEN 1 ELSE 0 END AS domain,
      (1.0 / (1 + b.solicitations)) * CASE WHEN b.last_solicited_at IS NULL THEN 1
        ELSE least(1, greatest(0, extract(epoch FROM ($14::timestamptz - b.last_solicited_at)) / 86400 / 30)) END AS fresh
    FROM bench_candidates b
    CROSS JOIN LATERAL (
      SELECT 2 * 6371.0088 * asin(least(1, sqrt(
               power(sin(radians(b.latitude - $7::float8) / 2), 2)
               + cos(radians($7::float8)) * cos(radians(b.latitude))
                 * power(sin(radians(b.longitude - $8::float8) / 2), 2)))) AS km,
             CASE WHEN $6 = 'hybrid' THEN 2 * b.radius_km ELSE b.radius_km END AS reach
    ) d
    WHERE b.eligible AND b.remaining_quota > 0
      AND (b.available_from IS NULL OR b.available_from <= $11::date)
      AND (b.available_to IS NULL OR b.available_to >= $10::date)
      AND NOT (b.id = ANY ($13::uuid[]))
      AND (b.skills && $1::text[] OR b.categories && $5::text[])
  )
  SELECT id, round((0.6 * skill_score + 0.2 * geo + 0.1 * domain + 0.1 * fresh)::numeric, 4)::float8 AS score
    FROM c WHERE geo > 0 AND skill_score > 0
   ORDER BY score DESC, id
   LIMIT ${TOP_K}`;

function candidateRow(profile: CandidateProfile, categoryOf: ReadonlyMap<string, string>) {
  const best = new Map<string, number>();
  for (const s of profile.skills) {
    const category = categoryOf.get(s.code);
    if (category !== undefined) best.set(category, Math.max(best.get(category) ?? 0, s.level));
  }
  return {
    id: profile.id,
    eligible: profile.active && profile.optedIn,
    remaining_quota: Number.isFinite(profile.remainingQuotaHours) ? profile.remainingQuotaHours : 1e9,
    latitude: profile.latitude,
    longitude: profile.longitude,
    departement_code: profile.departementCode,
    radius_km: profile.mobilityRadiusKm,
    remote_ok: profile.remoteOk,
    available_from: profile.availableFrom,
    available_to: profile.availableTo,
    skills: profile.skills.map((s) => s.code),
    levels: profile.skills.map((s) => s.level),
    categories: [...best.keys()],
    category_levels: [...best.values()],
    domains: profile.domains,
    solicitations: profile.solicitationsLast30Days,
    last_solicited_at:
      profile.lastSolicitedAt === null ? null : new Date(profile.lastSolicitedAt).toISOString(),
  };
}

function rankParams(mission: MissionQuery, categoryOf: ReadonlyMap<string, string>, now: number): unknown[] {
  const cats = mission.skills.map((s) => categoryOf.get(s.code) ?? '');
  return [
    mission.skills.map((s) => s.code),
    mission.skills.map((s) => s.level),
    mission.skills.map((s) => (s.required ? 2 : 1)),
    cats,
    [...new Set(cats.filter(Boolean))],
    mission.mode,
    mission.latitude,
    mission.longitude,
    mission.departementCode,
    mission.startDate,
    mission.endDate,
    mission.domainCode,
    [...mission.excludedCandidateIds],
    new Date(now).toISOString(),
  ];
}

/**
 * Loads the postiers as the matcher does, builds the index, and copies the same candidates into
 * PostgreSQL (before the index is timed: the copy needs the loaded profiles). In a function of its
 * own so that the profiles are garbage once it returns, as in the matcher, which keeps only its
 * index: a reference left in the caller's frame would keep a few hundred MB alive during the
 * timed rankings.
 */
async function loadIndexAndTable(
  db: Database,
  pool: Pool,
  taxonomy: Taxonomy,
  categoryOf: ReadonlyMap<string, string>,
): Promise<{ index: MatchingIndex; loadMs: number; indexBuildMs: number }> {
  let started = performance.now();
  const profiles = await loadPostiers(db);
  const loadMs = performance.now() - started;
  started = performance.now();
  const index = new MatchingIndex(taxonomy, profiles);
  const indexBuildMs = performance.now() - started;
  log(
    `index: ${index.size} postiers, loaded from PostgreSQL in ${Math.round(loadMs)} ms, built in ${Math.round(indexBuildMs)} ms, ${(index.memoryBytes() / 1_048_576).toFixed(1)} MiB`,
  );

  started = performance.now();
  await pool.query(CANDIDATES_TABLE);
  const CHUNK = 10_000;
  for (let i = 0; i < profiles.length; i += CHUNK) {
    const rows = profiles.slice(i, i + CHUNK).map((p) => candidateRow(p, categoryOf));
    await pool.query(
      'INSERT INTO bench_candidates SELECT * FROM jsonb_populate_recordset(NULL::bench_candidates, $1::jsonb)',
      [JSON.stringify(rows)],
    );
  }
  await pool.query('CREATE INDEX bench_candidates_skills ON bench_candidates USING gin (skills)');
  await pool.query('CREATE INDEX bench_candidates_categories ON bench_candidates USING gin (categories)');
  await pool.query('VACUUM ANALYZE bench_candidates');
  log(`PostgreSQL table + GIN indexes: ${Math.round(performance.now() - started)} ms`);
  return { index, loadMs, indexBuildMs };
}

// ------------------------------------------------------------------------------ the run

log(`load average at start: ${load()}`);
const [postgres, redis] = await Promise.all([startPostgres({ ephemeral: true }), startRedis()]);
const children: Child[] = [];
try {
  await migrate(postgres.url);
  const client = createDb(postgres.url, { max: 8, applicationName: 'bench-matching' });
  const { db, pool } = client;

  let started = performance.now();
  await seedDemoData(db, { seed: 42, postiers: POSTIERS, missions: MISSIONS, progress: 'silent' });
  // Vacuumed now, so that autovacuum does not pick the freshly written tables while rankings
  // are timed on the same cores.
  await db.execute(sql`vacuum analyze`);
  log(
    `seeded ${POSTIERS} postiers and ${MISSIONS} missions in ${Math.round(performance.now() - started)} ms`,
  );

  // --- 1. the index, and 2a. the same candidates in PostgreSQL -------------------------------
  const taxonomy = await loadTaxonomy(db);
  const categoryOf = new Map(taxonomy.skills.map((s) => [s.code, s.categoryCode]));
  const { index, loadMs, indexBuildMs } = await loadIndexAndTable(db, pool, taxonomy, categoryOf);
  const indexMb = index.memoryBytes() / (1024 * 1024);

  const { rows: missionRows } = await pool.query<{ id: string }>('SELECT id FROM missions ORDER BY id');
  const missions: MissionQuery[] = [];
  for (const { id } of missionRows) {
    const loaded = await loadMission(db, id);
    if (loaded) missions.push(loaded.query);
  }

  // --- 1b. ranking with the index ---------------------------------------------------------------
  // What is timed is the ranking call alone, in the state the matcher ranks in: the loaded
  // profiles released and the garbage of seeding and loading collected beforehand (else a major
  // collection of a few hundred MB lands inside some calls), a warm-up pass, and GC during the
  // timed calls (their own garbage) observed and reported.
  collectGarbage();
  const now = Date.now();
  for (let i = 0; i < WARMUP_ROUNDS; i++) for (const m of missions) index.rank(m, { topK: TOP_K, now });
  const gcDuring = observeGc();
  const rankTimes: number[] = [];
  const rankCpu: number[] = [];
  const byMode = new Map<string, number[]>();
  const indexTop = new Map<string, string[]>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const m of missions) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const ranked = index.rank(m, { topK: TOP_K, now });
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      rankTimes.push(wall);
      rankCpu.push((cpu.user + cpu.system) / 1000);
      const list = byMode.get(m.mode) ?? [];
      list.push(wall);
      byMode.set(m.mode, list);
      if (r === 0)
        indexTop.set(
          m.id,
          ranked.map((x) => x.candidateId),
        );
    }
  }
  const gc = await gcDuring.stop();
  const rankP50 = percentile(rankTimes, 50);
  const rankP99 = percentile(rankTimes, 99);
  const rankCpuP99 = percentile(rankCpu, 99);
  const rankMax = percentile(rankTimes, 100);
  const meanResults = [...indexTop.values()].reduce((a, l) => a + l.length, 0) / Math.max(1, indexTop.size);
  log(
    `index rank: ${rankTimes.length} rankings, p50 ${rankP50.toFixed(3)} ms, p99 ${rankP99.toFixed(3)} ms (CPU time p99 ${rankCpuP99.toFixed(3)} ms), max ${rankMax.toFixed(3)} ms, ${meanResults.toFixed(1)} results per mission on average; ${gc.count} GC pauses during the timed calls, ${gc.ms.toFixed(1)} ms in all; load average ${load()}`,
  );
  log(
    `index rank p99 by mode: ${[...byMode].map(([mode, xs]) => `${mode} ${percentile(xs, 99).toFixed(3)} ms (${xs.length / ROUNDS} missions)`).join(', ')}`,
  );

  // --- 2b. ranking with PostgreSQL and a GIN index --------------------------------------------
  const pgTimes: number[] = [];
  const overlaps: number[] = [];
  const pgClient = await pool.connect();
  try {
    for (let r = 0; r <= PG_ROUNDS; r++) {
      for (const m of missions) {
        const t0 = performance.now();
        const { rows } = await pgClient.query<{ id: string; score: number }>({
          name: 'bench-rank',
          text: RANK_SQL,
          values: rankParams(m, categoryOf, now),
        });
        const ms = performance.now() - t0;
        if (r === 0) {
          // warm-up pass; measure agreement with the index there
          const mine = new Set(indexTop.get(m.id) ?? []);
          const denominator = Math.max(mine.size, rows.length);
          if (denominator > 0) overlaps.push(rows.filter((x) => mine.has(x.id)).length / denominator);
        } else {
          pgTimes.push(ms);
        }
      }
    }
  } finally {
    pgClient.release();
  }
  const pgP50 = percentile(pgTimes, 50);
  const overlap = overlaps.reduce((a, b) => a + b, 0) / Math.max(1, overlaps.length);
  log(
    `PostgreSQL GIN rank: ${pgTimes.length} queries, p50 ${pgP50.toFixed(1)} ms, p99 ${percentile(pgTimes, 99).toFixed(1)} ms; top-50 overlap with the index ${(overlap * 100).toFixed(1)} %`,
  );

  // --- 3. end to end: publish → relay → Redis → matcher process → matches committed -----------
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: '{bench-matching}',
  };
  // Drafts of the demo association, copies of published missions (skills included), to publish.
  const { rows: sources } = await pool.query<{ id: string }>(
    `SELECT id FROM missions WHERE status = 'published' AND end_date > current_date + 1 ORDER BY id LIMIT $1`,
    [PUBLISHES],
  );
  const drafts: string[] = [];
  for (const source of sources) {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO missions (association_id, title, description, domain_code, commune_code, mode,
                             start_date, end_date, hours_total, seats, status)
       SELECT (SELECT am.association_id FROM association_members am JOIN users u ON u.id = am.user_id
                WHERE u.email = $2 LIMIT 1),
              title, description, domain_code, commune_code, mode, start_date, end_date, hours_total, seats, 'draft'
         FROM missions WHERE id = $1
       RETURNING id`,
      [source.id, DEMO_ACCOUNTS.association.email],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('draft copy failed');
    await pool.query(
      `INSERT INTO mission_skills (mission_id, skill_code, level, required)
       SELECT $2, skill_code, level, required FROM mission_skills WHERE mission_id = $1`,
      [source.id, id],
    );
    drafts.push(id);
  }
  const { rows: memberRows } = await pool.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [
    DEMO_ACCOUNTS.association.email,
  ]);
  const memberId = memberRows[0]?.id;
  if (memberId === undefined) throw new Error('the demo association account is missing');

  const matcher = spawnChild(process.execPath, ['--import', 'tsx', 'services/matcher/src/main.ts'], {
    cwd: ROOT,
    env: { ...env, NODE_OPTIONS: '--max-old-space-size=4096' },
  });
  children.push(matcher);
  started = performance.now();
  await waitFor(
    async () => {
      if (matcher.process.exitCode !== null) throw new Error(`matcher exited:\n${matcher.output()}`);
      return matcher.output().includes('matcher ready');
    },
    180_000,
    'matcher',
  );
  log(`matcher process ready (index built from PostgreSQL) in ${Math.round(performance.now() - started)} ms`);

  const app = await buildApp(parseConfig({ ...env, LOG_LEVEL: 'warn' }), { logger: false });
  await app.ready();
  const producer = producerConnection(redis.url);
  const queues = Object.fromEntries(
    Object.values(QUEUES).map((name) => [
      name,
      new Queue(name, { connection: producer, prefix: env.QUEUE_PREFIX ?? '' }),
    ]),
  ) as Record<QueueName, Queue>;
  const relay = createRelay({ pool, queues, logger: { info() {}, warn() {}, error() {} } });
  await relay.start();
  const auth = { authorization: `Bearer ${app.signAccessToken({ sub: memberId, role: 'association' })}` };

  const e2e: number[] = [];
  try {
    // Whatever the seed left in the outbox goes through first.
    await sleep(2_000);
    for (const id of drafts) {
      const t0 = performance.now();
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/missions/${id}/publish`,
        headers: auth,
      });
      if (response.statusCode !== 200)
        throw new Error(`publish ${id}: ${response.statusCode} ${response.body}`);
      const deadline = t0 + 10_000;
      for (;;) {
        const { rows } = await pool.query('SELECT 1 FROM matches WHERE mission_id = $1 LIMIT 1', [id]);
        if (rows.length > 0) break;
        if (performance.now() > deadline) throw new Error(`no matches for ${id} after 10 s`);
        await sleep(1);
      }
      e2e.push(performance.now() - t0);
      await sleep(100);
    }
  } finally {
    await relay.stop();
    await Promise.all(Object.values(queues).map((q) => q.close()));
    producer.disconnect();
    await app.close();
  }
  const e2eP95 = percentile(e2e, 95);
  log(
    `e2e publish → matches committed: ${e2e.length} publishes, p50 ${percentile(e2e, 50).toFixed(1)} ms, p95 ${e2eP95.toFixed(1)} ms`,
  );
  await client.close();

  log(`load average at end: ${load()}`);
  process.stdout.write(
    `${JSON.stringify({
      candidates: index.size,
      top_k: TOP_K,
      missions: missions.length,
      rank_p50_ms: round(rankP50),
      rank_p99_ms: round(rankP99),
      rank_cpu_p99_ms: round(rankCpuP99),
      rank_max_ms: round(rankMax),
      rank_gc_pauses: gc.count,
      index_build_ms: round(indexBuildMs, 0),
      index_load_from_pg_ms: round(loadMs, 0),
      index_mb: round(indexMb, 1),
      pg_gin_p50_ms: round(pgP50, 2),
      pg_gin_p99_ms: round(percentile(pgTimes, 99), 2),
      pg_top50_overlap: round(overlap, 3),
      speedup_vs_pg: round(pgP50 / rankP50, 1),
      e2e_publish_to_matches_p50_ms: round(percentile(e2e, 50), 1),
      e2e_publish_to_matches_p95_ms: round(e2eP95, 1),
      load_average: loadavg().map((l) => round(l, 2)),
    })}\n`,
  );
} finally {
  for (const child of children) await child.stop(5_000);
  await Promise.all([postgres.stop(), redis.stop()]);
}
