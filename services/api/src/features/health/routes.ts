import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const TIMEOUT_MS = 1_500;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS),
    ),
  ]);
}

const checkSchema = z.object({ status: z.enum(['ok', 'down']), detail: z.string().optional() });
const readySchema = z.object({ status: z.enum(['ok']), checks: z.record(z.string(), checkSchema) });
const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  checks: z.record(z.string(), checkSchema),
});

export default async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  for (const prefix of ['/health', '/api/v1/health']) {
    app.get(
      `${prefix}/live`,
      {
        schema: {
          hide: prefix === '/health',
          tags: ['health'],
          response: { 200: z.object({ status: z.literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      `${prefix}/ready`,
      {
        schema: {
          hide: prefix === '/health',
          tags: ['health'],
          response: { 200: readySchema, 503: problemSchema },
        },
      },
      async (_request, reply) => {
        const [postgres, redis] = await Promise.allSettled([
          withTimeout(app.pgPool.query('select 1'), 'PostgreSQL'),
          withTimeout(app.redis.ping(), 'Redis'),
        ]);
        const checks = {
          postgresql:
            postgres.status === 'fulfilled'
              ? { status: 'ok' as const }
              : { status: 'down' as const, detail: String(postgres.reason) },
          redis:
            redis.status === 'fulfilled'
              ? { status: 'ok' as const }
              : { status: 'down' as const, detail: String(redis.reason) },
        };
        const failing = Object.entries(checks)
          .filter(([, c]) => c.status === 'down')
          .map(([name]) => name);
        if (failing.length === 0) return { status: 'ok' as const, checks };
        return reply
          .status(503)
          .type('application/problem+json')
          .send({
            type: 'https://passerelle.laposte.fr/problems/dependency-down',
            title: 'Service Unavailable',
            status: 503,
            detail: `Not ready: ${failing.join(', ')} unavailable`,
            checks,
          });
      },
    );
  }
}
