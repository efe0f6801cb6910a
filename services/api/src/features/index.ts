import type { FastifyInstance } from 'fastify';
import authRoutes from './auth/routes';
import missionsRoutes from './missions/routes';

/** Every feature's routes, mounted under /api/v1. */
export const featureRoutes: ((app: FastifyInstance) => Promise<void>)[] = [authRoutes, missionsRoutes];
