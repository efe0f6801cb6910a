import type { Config } from '@passerelle/config';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
  }
}

/**
 * The api only talks to Redis for health checks and rate limits: fail fast when it is away
 * (no offline queue), the outbox keeps the events.
 */
export default fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    const redis = new Redis(opts.config.REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    redis.on('error', () => {}); // reported by /health/ready, not as an unhandled error
    // Wait for the first connection, but boot anyway when Redis is down: /health/ready says so.
    await redis.connect().catch(() => {});
    app.decorate('redis', redis);
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
  },
  { name: 'redis' },
);
