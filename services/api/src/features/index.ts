import type { FastifyInstance } from 'fastify';
import adminRoutes from './admin/routes';
import applicationsRoutes from './applications/routes';
import associationsRoutes from './associations/routes';
import authRoutes from './auth/routes';
import deliveriesRoutes from './deliveries/routes';
import hrRoutes from './hr/routes';
import matchingRoutes from './matching/routes';
import meRoutes from './me/routes';
import missionsRoutes from './missions/routes';
import notificationsRoutes from './notifications/routes';
import privacyRoutes from './privacy/routes';
import queueDashboardRoutes from './queue-dashboard/routes';
import referenceRoutes from './reference/routes';

/** Every feature's routes, mounted under /api/v1. */
export const featureRoutes: ((app: FastifyInstance) => Promise<void>)[] = [
  authRoutes,
  referenceRoutes,
  meRoutes,
  associationsRoutes,
  missionsRoutes,
  applicationsRoutes,
  adminRoutes,
  notificationsRoutes,
  deliveriesRoutes,
  hrRoutes,
  privacyRoutes,
  matchingRoutes,
  queueDashboardRoutes,
];
