import type { FastifyInstance } from 'fastify';

export default async function associationsRoutes(_fastify: FastifyInstance) {}
