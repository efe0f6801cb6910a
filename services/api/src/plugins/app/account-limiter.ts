import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors';

/**
 * Attempts per account (the email in the body), whatever the IP: @fastify/rate-limit runs one
 * limiter per request, so the second key is counted here, in the same Redis.
 */
export function accountLimiter(
  app: FastifyInstance,
  options: { max: number; windowMs: number; name: string },
) {
  return async (request: FastifyRequest) => {
    const body = request.body as { email?: unknown } | undefined;
    if (typeof body?.email !== 'string') return;
    const key = `${app.config.QUEUE_PREFIX}:rl:${options.name}:${body.email.trim().toLowerCase()}`;
    let count: number;
    let ttl: number;
    try {
      const result = await app.redis.multi().incr(key).pexpire(key, options.windowMs, 'NX').pttl(key).exec();
      count = Number(result?.[0]?.[1] ?? 0);
      ttl = Number(result?.[2]?.[1] ?? options.windowMs);
    } catch {
      return; // Redis away: let people log in rather than lock everyone out
    }
    if (count > options.max) {
      const seconds = Math.max(1, Math.ceil(ttl / 1000));
      throw Object.assign(
        new AppError(
          'RATE_LIMITED',
          429,
          'Too Many Requests',
          `Too many attempts for this account: retry in ${seconds} s`,
        ),
        {
          headers: { 'retry-after': String(seconds) },
        },
      );
    }
  };
}
