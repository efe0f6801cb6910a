import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../lib/problem';
import { associationParams } from '../associations/schemas';
import {
  adminAssociation,
  adminAssociationsQuery,
  adminAssociationsResponse,
  auditLogQuery,
  auditLogResponse,
  labelBody,
} from './schemas';
import { associationForAdmin, decideLabel, listAssociationsForAdmin, listAuditLog } from './service';

export default async function adminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Decisions here change what the public sees (seats taken, a label, a name).
  app.addHook('onSend', app.forgetPublicReadsAfterWrite);
  const adminOnly = [app.authenticate, app.requireRole('admin')];

  app.get(
    '/admin/associations',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Associations by label status, oldest first (the pending queue in arrival order)',
        security: [{ bearerAuth: [] }],
        querystring: adminAssociationsQuery,
        response: { 200: adminAssociationsResponse, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listAssociationsForAdmin(app.db, request.query),
  );

  app.post(
    '/admin/associations/:id/label',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['admin'],
        summary:
          'Label, reject, suspend or re-label an association (a reason is required to reject or suspend)',
        security: [{ bearerAuth: [] }],
        params: associationParams,
        body: labelBody,
        response: { 200: adminAssociation, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      await decideLabel(app.db, request.user.sub, request.params.id, request.body);
      return associationForAdmin(app.db, request.params.id);
    },
  );

  app.get(
    '/admin/audit-log',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Audit trail of admin decisions, newest first, optionally of one entity',
        security: [{ bearerAuth: [] }],
        querystring: auditLogQuery,
        response: { 200: auditLogResponse, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listAuditLog(app.db, request.query),
  );
}
