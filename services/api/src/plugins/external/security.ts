import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { Config } from '@passerelle/config';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export default fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Swagger UI inlines its styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'"],
        },
      },
    });
    // CORS stays closed unless origins are configured: the web app is served from the same origin.
    await app.register(cors, {
      origin: opts.config.CORS_ORIGINS.length ? opts.config.CORS_ORIGINS : false,
      credentials: true,
    });
    await app.register(cookie);
  },
  { name: 'security' },
);
