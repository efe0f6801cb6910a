import type { FastifyInstance } from 'fastify';

export default async function hrRoutes(_fastify: FastifyInstance) {}
