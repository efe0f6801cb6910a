import type { FastifyInstance } from 'fastify';

export default async function deliveriesRoutes(_fastify: FastifyInstance) {}
