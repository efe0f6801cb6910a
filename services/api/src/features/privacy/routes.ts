import type { FastifyInstance } from 'fastify';

export default async function privacyRoutes(_fastify: FastifyInstance) {}
