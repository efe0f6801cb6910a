import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Counters live in Redis so every api instance shares them; when Redis is away the limiter
 * steps aside (skipOnError) rather than lock everyone out of logging in.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(rateLimit, {
      global: false,
      redis: app.redis,
      nameSpace: `${app.config.QUEUE_PREFIX}:rl:`,
      skipOnError: true,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `Too many attempts: retry in ${Math.ceil(context.ttl / 1000)} s`,
        headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      }),
    });
  },
  { name: 'rate-limit', dependencies: ['redis'] },
);
