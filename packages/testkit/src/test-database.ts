import { randomBytes } from 'node:crypto';
import type { Config } from '@passerelle/config';
import { createDb, type DbClient } from '@passerelle/db';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase } from './postgres';
import './provided-context';

export interface TestDatabase extends DbClient {
  url: string;
  name: string;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database cloned from the migrated template: the test file's rows are its own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await createDatabase(adminUrl, name, inject('postgresTemplate'));
  const url = databaseUrl(adminUrl, name);
  const client = createDb(url, { max: 10, applicationName: 'passerelle-test' });
  return {
    ...client,
    url,
    name,
    close: async () => {
      await client.close();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await admin.end();
    },
  };
}

export function uniqueQueuePrefix(): string {
  return `{t${randomBytes(5).toString('hex')}}`;
}

/** The environment a service would get in production, pointing at the test services. */
export function testEnv(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    DATABASE_URL: inject('postgresAdminUrl'),
    REDIS_URL: inject('redisUrl'),
    SMTP_URL: 'smtp://127.0.0.1:2525',
    PUBLIC_URL: 'http://passerelle.test',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    POSTIER_EMAIL_DOMAINS: 'laposte.fr',
    MAIL_FROM: 'Passerelle <no-reply@passerelle.test>',
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: uniqueQueuePrefix(),
    ...overrides,
  };
}

export type { Config };

/** URL of the shared test server's maintenance database, for tests that manage databases themselves. */
export function adminDatabaseUrl(): string {
  return inject('postgresAdminUrl');
}
