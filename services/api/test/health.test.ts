import { parseConfig } from '@passerelle/config';
import { migrate } from '@passerelle/db';
import { startPostgres, startRedis, testEnv } from '@passerelle/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { buildTestApp, type TestApp } from './helpers';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('is live and ready when PostgreSQL and Redis answer', async () => {
    expect((await t.app.inject('/health/live')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ postgresql: { status: 'ok' }, redis: { status: 'ok' } });
  });

  it('answers unknown routes with a problem+json 404', async () => {
    const response = await t.app.inject('/api/v1/nowhere');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await t.app.inject('/api/v1/openapi.json');
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    expect(Object.keys(doc.json().paths)).toContain('/api/v1/missions');
    const ui = await t.app.inject('/docs/');
    expect(ui.statusCode).toBe(200);
  });
});

describe('readiness when a dependency goes away', () => {
  it('answers 503 naming PostgreSQL when it is stopped, and Redis when it is stopped', async () => {
    const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    await migrate(postgres.url);
    const app = await buildApp(parseConfig(testEnv({ DATABASE_URL: postgres.url, REDIS_URL: redis.url })), {
      logger: false,
    });
    try {
      expect((await app.inject('/health/ready')).statusCode).toBe(200);

      await postgres.stop();
      const down = await app.inject('/health/ready');
      expect(down.statusCode).toBe(503);
      expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(down.json().detail).toBe('Not ready: postgresql unavailable');
      expect(down.json().checks.redis.status).toBe('ok');

      await redis.stop();
      const both = await app.inject('/health/ready');
      expect(both.json().detail).toBe('Not ready: postgresql, redis unavailable');
      // Still alive: the orchestrator must not restart us for a dependency's outage.
      expect((await app.inject('/health/live')).statusCode).toBe(200);
    } finally {
      await app.close();
      await Promise.allSettled([postgres.stop(), redis.stop()]);
    }
  });
});
