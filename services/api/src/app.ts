import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { Config } from '@passerelle/config';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import healthRoutes from './features/health/routes';
import { featureRoutes } from './features/index';
import queueDashboard from './features/queue-dashboard/dashboard';
import { DASHBOARD_PATH } from './features/queue-dashboard/session';
import auth from './plugins/app/auth';
import errorHandler from './plugins/app/error-handler';
import routeConventions from './plugins/app/route-conventions';
import database from './plugins/external/database';
import openapi from './plugins/external/openapi';
import publicReads from './plugins/external/public-reads';
import rateLimit from './plugins/external/rate-limit';
import redis from './plugins/external/redis';
import security from './plugins/external/security';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

export interface BuildOptions {
  /** Pino logger options; false in tests. */
  logger?: boolean | Record<string, unknown>;
}

/** Headers and body fields that must never reach the logs. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const logger =
    options.logger === false
      ? false
      : {
          level: config.LOG_LEVEL,
          redact: REDACT,
          ...(typeof options.logger === 'object' ? options.logger : {}),
        };
  const app = Fastify({
    logger,
    bodyLimit: 256 * 1024,
    // Request ids in every log line; a proxy's x-request-id is kept.
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.decorate('config', config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Layer 1: external services and HTTP concerns.
  await app.register(security, { config });
  await app.register(database, { config });
  await app.register(redis, { config });
  await app.register(publicReads);
  await app.register(rateLimit);
  await app.register(openapi);
  // Layer 2: the app's own plugins.
  await app.register(errorHandler);
  await app.register(auth);
  await app.register(routeConventions);
  // Layer 3: features.
  await app.register(healthRoutes);
  for (const routes of featureRoutes) {
    await app.register(routes, { prefix: '/api/v1' });
  }
  // A browser page outside /api/v1, reached with its own cookie (see features/queue-dashboard).
  await app.register(queueDashboard, { prefix: DASHBOARD_PATH });

  if (config.WEB_DIST && existsSync(config.WEB_DIST)) {
    // The not-found handler (error-handler plugin) serves index.html for client-side routes.
    await app.register(fastifyStatic, { root: config.WEB_DIST, wildcard: false });
  }
  return app;
}
