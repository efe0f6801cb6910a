import { parseConfig } from '@passerelle/config';
import { createTestDatabase, type TestDatabase, testEnv } from '@passerelle/testkit';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real app over a fresh database cloned from the migrated template. */
export async function buildTestApp(overrides: Record<string, string | undefined> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = parseConfig(testEnv({ DATABASE_URL: database.url, ...overrides }));
  const app = await buildApp(config, { logger: false });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
