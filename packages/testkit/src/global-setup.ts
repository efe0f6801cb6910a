import { migrate } from '@passerelle/db';
import type { TestProject } from 'vitest/node';
import { createDatabase, startPostgres } from './postgres';
import { startRedis } from './redis';

export const TEMPLATE_DATABASE = 'passerelle_template';

import './provided-context';

/**
 * Starts one PostgreSQL and one Redis for the whole run, and migrates a template database
 * that each test file clones (a file copy: much faster than migrating per file).
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const [pgResult, redisResult] = await Promise.allSettled([startPostgres(), startRedis()]);
  if (pgResult.status === 'rejected' || redisResult.status === 'rejected') {
    // Never leave one running when the other failed to start.
    if (pgResult.status === 'fulfilled') await pgResult.value.stop();
    if (redisResult.status === 'fulfilled') await redisResult.value.stop();
    throw pgResult.status === 'rejected' ? pgResult.reason : (redisResult as PromiseRejectedResult).reason;
  }
  const postgres = pgResult.value;
  const redis = redisResult.value;
  try {
    await createDatabase(postgres.url, TEMPLATE_DATABASE);
    await migrate(postgres.urlFor(TEMPLATE_DATABASE));
  } catch (error) {
    await Promise.allSettled([postgres.stop(), redis.stop()]);
    throw error;
  }
  project.provide('postgresAdminUrl', postgres.url);
  project.provide('postgresTemplate', TEMPLATE_DATABASE);
  project.provide('redisUrl', redis.url);
  process.stdout.write(
    `testkit: PostgreSQL and Redis ready, template migrated in ${Date.now() - started} ms\n`,
  );
  return async () => {
    await Promise.allSettled([redis.stop(), postgres.stop()]);
  };
}
