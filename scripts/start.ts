// Orchestrates the whole stack on one machine: embedded services for whatever URL is unset,
// migrations, demo data, then the api, matcher and notifier as child processes.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@passerelle/config';
import { createDb, migrate, schema } from '@passerelle/db';
import {
  type Child,
  createDatabase,
  spawnChild,
  startPostgres,
  startRedis,
  startSmtpSink,
} from '@passerelle/testkit/services';
import { count } from 'drizzle-orm';
import { DEMO_ACCOUNTS, seedDemoData } from './seed-demo';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, '.data');
const log = (message: string) => process.stdout.write(`[passerelle] ${message}\n`);
const started = Date.now();

const stops: (() => Promise<unknown>)[] = [];
const children: Child[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  log('stopping…');
  await Promise.allSettled(children.map((c) => c.stop(10_000)));
  for (const stop of stops.reverse()) await stop().catch(() => {});
  log('stopped, no process left behind');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function secret(): string {
  const file = path.join(DATA, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = randomBytes(48).toString('base64url');
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

async function main() {
  mkdirSync(DATA, { recursive: true });
  const env: Record<string, string | undefined> = { ...process.env };

  if (!env.DATABASE_URL) {
    const postgres = await startPostgres({
      dataDir: path.join(DATA, 'postgres'),
      port: Number(env.PASSERELLE_PG_PORT ?? 54329),
    });
    stops.push(() => postgres.stop());
    await createDatabase(postgres.url, 'passerelle');
    env.DATABASE_URL = postgres.urlFor('passerelle');
    log(`embedded PostgreSQL on 127.0.0.1:${postgres.port} (data in .data/postgres)`);
  }
  if (!env.REDIS_URL) {
    const redis = await startRedis({
      dataDir: path.join(DATA, 'redis'),
      persistent: true,
      port: Number(env.PASSERELLE_REDIS_PORT ?? 63799),
    });
    stops.push(() => redis.stop());
    env.REDIS_URL = redis.url;
    log(`redis-server on 127.0.0.1:${redis.port} (AOF in .data/redis)`);
  }
  let mailboxUrl: string | undefined;
  if (!env.SMTP_URL) {
    const sink = await startSmtpSink({
      port: Number(env.PASSERELLE_SMTP_PORT ?? 1025),
      webPort: Number(env.PASSERELLE_MAILBOX_PORT ?? 8025),
    });
    stops.push(() => sink.stop());
    env.SMTP_URL = sink.url;
    mailboxUrl = sink.webUrl;
    log(`local mailbox: SMTP ${sink.url}, web view ${sink.webUrl}`);
  }
  env.PORT ??= '3000';
  env.HOST ??= '127.0.0.1';
  env.PUBLIC_URL ??= `http://localhost:${env.PORT}`;
  env.JWT_SECRET ??= secret();
  env.ADMIN_EMAIL ??= DEMO_ACCOUNTS.admin.email;
  env.ADMIN_PASSWORD ??= DEMO_ACCOUNTS.admin.password;
  env.DEMO_DATA ??= 'true';
  const webDist = path.join(ROOT, 'services', 'web', 'dist');
  env.WEB_DIST ??= webDist;
  const config = parseConfig(env);

  // The web app is served by the api: build it on the first start (or after a clean).
  const webBuild =
    env.WEB_DIST === webDist && !existsSync(path.join(webDist, 'index.html'))
      ? new Promise<void>((resolve) => {
          log('building the web app (first start)');
          const web = path.join(ROOT, 'services', 'web');
          const vite = spawnChild(path.join(web, 'node_modules', '.bin', 'vite'), ['build'], {
            cwd: web,
            env,
          });
          vite.process.on('exit', (code) => {
            if (code !== 0)
              log(`web build failed (exit ${code}): ${vite.output().split('\n').slice(-5).join(' | ')}`);
            resolve();
          });
        })
      : Promise.resolve();

  log('migrating');
  await migrate(config.DATABASE_URL);
  if (config.DEMO_DATA) {
    const db = createDb(config.DATABASE_URL, { max: 4 });
    try {
      const [row] = await db.db.select({ n: count() }).from(schema.missions);
      if ((row?.n ?? 0) === 0) {
        log('loading demo data');
        await seedDemoData(db.db, { seed: 42 });
      }
    } finally {
      await db.close();
    }
  }

  await webBuild;
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  for (const [name, entry] of [
    ['api', 'services/api/src/server.ts'],
    ['matcher', 'services/matcher/src/main.ts'],
    ['notifier', 'services/notifier/src/main.ts'],
  ] as const) {
    const child = spawnChild(tsx, [path.join(ROOT, entry)], {
      env,
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.process.on('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} exited (${signal ?? code}); stopping everything`);
        void shutdown(1);
      }
    });
    children.push(child);
  }

  const base = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${base}/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      log('the api did not become ready within 60 s');
      return shutdown(1);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = [
    '',
    `Passerelle is ready in ${seconds} s`,
    `  web app        ${config.PUBLIC_URL}${existsSync(webDist) ? '' : '  (build it: pnpm --filter @passerelle/web build)'}`,
    `  api            ${base}/api/v1`,
    `  API docs       ${base}/docs`,
    ...(mailboxUrl ? [`  mailbox        ${mailboxUrl}`] : []),
    '',
    'Demo accounts:',
    ...Object.entries(DEMO_ACCOUNTS).map(
      ([role, a]) => `  ${role.padEnd(12)} ${a.email.padEnd(40)} ${a.password}`,
    ),
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
