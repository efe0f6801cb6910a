import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { portOpen, stablePort, waitFor } from './ports';
import { spawnChild } from './process';

export interface RedisHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
  kill9(): Promise<void>;
  /** Starts it again on the same port and data directory (after stop or kill9). */
  restart(): Promise<void>;
}

export function findRedisServer(): string | undefined {
  for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v redis-server']).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface StartRedisOptions {
  dataDir?: string;
  port?: number;
  /** Persist with AOF, as production does. */
  persistent?: boolean;
}

export async function startRedis(options: StartRedisOptions = {}): Promise<RedisHandle> {
  const binary = findRedisServer();
  if (!binary) throw new Error('redis-server not found: install it (apt-get install redis-server)');
  const temporary = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'passerelle-redis-'));
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await stablePort());
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dataDir,
    '--save',
    '',
    '--appendonly',
    options.persistent ? 'yes' : 'no',
    '--maxmemory-policy',
    'noeviction',
    '--protected-mode',
    'yes',
  ];
  let child = spawnChild(binary, args);
  const start = async () => {
    child = spawnChild(binary, args);
    await waitFor(() => portOpen(port), 10_000, 'redis-server').catch((error: unknown) => {
      throw new Error(`${String(error)}\n${child.output()}`);
    });
  };
  await waitFor(() => portOpen(port), 10_000, 'redis-server').catch((error: unknown) => {
    throw new Error(`${String(error)}\n${child.output()}`);
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await child.stop(5_000);
      if (temporary) rmSync(dataDir, { recursive: true, force: true });
    },
    kill9: () => child.kill9(),
    restart: start,
  };
}
