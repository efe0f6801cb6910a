import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverEntry = fileURLToPath(new URL('../../../services/api/src/server.ts', import.meta.url));

describe('a process booting with a bad environment', () => {
  it('stops at once with one clear line per problem', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', serverEntry], {
      env: { PATH: process.env.PATH, REDIS_URL: 'http://wrong', JWT_SECRET: 'short' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines).toContain('  - DATABASE_URL: is required');
    expect(lines.some((l) => l.startsWith('  - REDIS_URL: must start with redis://'))).toBe(true);
    expect(lines.some((l) => l.startsWith('  - JWT_SECRET: must be at least 32'))).toBe(true);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});
