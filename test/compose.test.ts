import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configSchema } from '@passerelle/config';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const file = fileURLToPath(new URL('../docker-compose.yml', import.meta.url));
const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

describe('docker-compose.yml', () => {
  it('declares the infrastructure and the three services', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'mailpit',
      'matcher',
      'migrate',
      'notifier',
      'postgres',
      'redis',
    ]);
    expect(services.postgres?.image).toBe('postgres:17');
    expect(services.redis?.image).toMatch(/^redis:7/);
    expect(services.redis?.command).toEqual(
      expect.arrayContaining(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']),
    );
  });

  it('gives every long-running service a healthcheck', () => {
    for (const name of ['postgres', 'redis', 'mailpit', 'api', 'matcher', 'notifier']) {
      expect(services[name]?.healthcheck?.test.length, name).toBeGreaterThan(0);
    }
  });

  it('starts the app only after a successful migration and healthy dependencies', () => {
    expect(services.migrate?.depends_on?.postgres?.condition).toBe('service_healthy');
    for (const name of ['api', 'matcher', 'notifier']) {
      expect(services[name]?.depends_on?.migrate?.condition, name).toBe('service_completed_successfully');
      expect(services[name]?.depends_on?.redis?.condition, name).toBe('service_healthy');
      expect(services[name]?.build, name).toBeDefined();
    }
  });

  it('wires an environment that the config schema accepts, pointing at the compose hosts', () => {
    for (const name of ['migrate', 'api', 'matcher', 'notifier']) {
      const env = Object.fromEntries(
        Object.entries(services[name]?.environment ?? {}).map(([k, v]) => [
          k,
          String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
        ]),
      );
      const parsed = configSchema.safeParse(env);
      expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(env.DATABASE_URL).toContain('@postgres:5432/');
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
    }
  });
});
