import type { FastifyInstance } from 'fastify';

export default async function applicationsRoutes(_fastify: FastifyInstance) {}
