import type { FastifyInstance } from 'fastify';

export default async function meRoutes(_fastify: FastifyInstance) {}
