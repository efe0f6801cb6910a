// pnpm bench:api — the api under autocannon, against a bare fastify as the ceiling.
// Starts its own PostgreSQL and Redis, seeds 20,000 published missions, prints JSON last.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, migrate, schema } from '@passerelle/db';
import { freePort, spawnChild, startPostgres, startRedis, waitFor } from '@passerelle/testkit/services';
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from '../scripts/seed-demo';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const log = (m: string) => process.stderr.write(`[bench:api] ${m}\n`);

async function run(options: autocannon.Options): Promise<autocannon.Result> {
  return autocannon({ connections: 32, duration: DURATION, ...options });
}

const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
const children: ReturnType<typeof spawnChild>[] = [];
try {
  await migrate(postgres.url);
  const client = createDb(postgres.url, { max: 4 });
  log('seeding 20,000 published missions');
  await seedDemoData(client.db, { seed: 7, postiers: 2_000, missions: 20_000, progress: 'silent' });
  await client.db.execute(
    sql`update missions set status = 'published', published_at = coalesce(published_at, now()) where status = 'draft'`,
  );
  const ids = (
    await client.db
      .select({ id: schema.missions.id })
      .from(schema.missions)
      .where(eq(schema.missions.status, 'published'))
  ).map((r) => r.id);
  await client.db.execute(sql`analyze`);
  await client.close();
  log(`${ids.length} published missions`);

  const [apiPort, coldPort, helloPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const env = {
    ...process.env,
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SMTP_URL: 'smtp://127.0.0.1:2525',
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  children.push(spawnChild(tsx, [path.join(ROOT, 'services/api/src/server.ts')], { env, cwd: ROOT }));
  // The same api without its public read cache, to report what a read costs when it misses.
  children.push(
    spawnChild(tsx, [path.join(ROOT, 'services/api/src/server.ts')], {
      env: { ...env, PORT: String(coldPort), PUBLIC_CACHE_MB: '0' },
      cwd: ROOT,
    }),
  );
  children.push(
    spawnChild(tsx, [path.join(ROOT, 'bench/hello-server.ts')], {
      env: { ...env, PORT: String(helloPort) },
      cwd: ROOT,
    }),
  );
  const api = `http://127.0.0.1:${apiPort}`;
  const cold = `http://127.0.0.1:${coldPort}`;
  await waitFor(() => fetch(`${api}/health/ready`).then((r) => r.ok), 60_000, 'api');
  await waitFor(() => fetch(`${cold}/health/ready`).then((r) => r.ok), 60_000, 'api without cache');
  await waitFor(() => fetch(`http://127.0.0.1:${helloPort}/`).then((r) => r.ok), 30_000, 'hello');

  const login = await fetch(`${api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_ACCOUNTS.postier.email, password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };

  // Warm-up: JIT, connection pools, PostgreSQL caches.
  await run({ url: `${api}/api/v1/missions?q=numerique`, duration: 2 });
  await run({ url: `${cold}/api/v1/missions?q=numerique`, duration: 2 });

  log('hello world');
  const hello = await run({ url: `http://127.0.0.1:${helloPort}/` });
  log('GET /missions/:id');
  let i = 0;
  const missionRequest = {
    method: 'GET' as const,
    setupRequest: (req: autocannon.Request) => ({
      ...req,
      path: `/api/v1/missions/${ids[i++ % ids.length]}`,
    }),
  };
  const missionGet = await run({ url: api, requests: [missionRequest] });
  log('GET /missions/:id without the cache');
  const missionGetCold = await run({ url: cold, requests: [missionRequest] });
  const searchPaths = ['numerique', 'association', 'comptabilite', 'logistique', 'seniors', 'atelier'].map(
    (q) => `/api/v1/missions?q=${q}&limit=20`,
  );
  let s = 0;
  const searchRequest = {
    method: 'GET' as const,
    setupRequest: (req: autocannon.Request) => ({ ...req, path: searchPaths[s++ % searchPaths.length] }),
  };
  log('search at full speed');
  const search = await run({ url: api, requests: [searchRequest] });
  const halfRate = Math.max(1, Math.floor(search.requests.average / 2));
  log(`search at half its maximum rate (${halfRate} req/s)`);
  const searchHalf = await run({
    url: api,
    requests: [searchRequest],
    overallRate: halfRate,
    connections: 8,
  });
  log('search without the cache');
  const searchCold = await run({ url: cold, requests: [searchRequest] });
  const coldHalfRate = Math.max(1, Math.floor(searchCold.requests.average / 2));
  const searchColdHalf = await run({
    url: cold,
    requests: [searchRequest],
    overallRate: coldHalfRate,
    connections: 8,
  });
  log('authed GET /me');
  const authed = await run({ url: `${api}/api/v1/me`, headers: { authorization: `Bearer ${accessToken}` } });

  const errors = [missionGet, missionGetCold, search, searchCold, authed].reduce(
    (n, r) => n + r.errors + r.non2xx,
    0,
  );
  const result = {
    missions: ids.length,
    duration_s: DURATION,
    hello_rps: Math.round(hello.requests.average),
    mission_get_rps: Math.round(missionGet.requests.average),
    mission_get_ratio: Number((missionGet.requests.average / hello.requests.average).toFixed(3)),
    search_rps: Math.round(search.requests.average),
    search_ratio: Number((search.requests.average / hello.requests.average).toFixed(3)),
    search_p99_ms: searchHalf.latency.p99,
    search_p50_ms: searchHalf.latency.p50,
    // The same reads on an instance started with PUBLIC_CACHE_MB=0: every request goes to PostgreSQL.
    mission_get_uncached_rps: Math.round(missionGetCold.requests.average),
    search_uncached_rps: Math.round(searchCold.requests.average),
    search_uncached_p99_ms: searchColdHalf.latency.p99,
    authed_rps: Math.round(authed.requests.average),
    authed_ratio: Number((authed.requests.average / hello.requests.average).toFixed(3)),
    non_2xx_or_errors: errors,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await Promise.allSettled(children.map((c) => c.stop(5_000)));
  await Promise.allSettled([postgres.stop(), redis.stop()]);
}
