import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../lib/errors';
import { problemResponses } from '../../lib/problem';
import {
  addMemberBody,
  associationMissionsQuery,
  associationMissionsResponse,
  associationParams,
  associationResponse,
  createAssociationBody,
  memberSchema,
  membersResponse,
  updateAssociationBody,
} from './schemas';
import {
  addMember,
  createAssociation,
  getAssociation,
  listAssociationMissions,
  listMembers,
  loadAssociation,
  toAssociationResponse,
  updateAssociation,
  type Viewer,
} from './service';

export default async function associationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Decisions here change what the public sees (seats taken, a label, a name).
  app.addHook('onSend', app.forgetPublicReadsAfterWrite);

  /**
   * Public routes that show more to members and admins. A token that is present but invalid is
   * refused (401) rather than ignored: the client should refresh it, not silently get less.
   */
  const optionalAuthenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.authorization) await app.authenticate(request, reply);
  };
  const viewerOf = (request: FastifyRequest): Viewer =>
    request.headers.authorization ? { userId: request.user.sub, role: request.user.role } : undefined;

  const memberView = async (id: string) => {
    const row = await loadAssociation(app.db, id);
    if (!row) throw notFound('Association');
    return toAssociationResponse(row, 'member');
  };

  app.post(
    '/associations',
    {
      preHandler: [app.authenticate, app.requireRole('association')],
      schema: {
        tags: ['associations'],
        summary: 'Register your association (RNA or SIRET): it waits for the Alliance Dynamique label',
        security: [{ bearerAuth: [] }],
        body: createAssociationBody,
        response: { 201: associationResponse, ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const id = await createAssociation(app.db, request.user.sub, request.body);
      return reply.status(201).send(await memberView(id));
    },
  );

  app.get(
    '/associations/:id',
    {
      preHandler: [optionalAuthenticate],
      schema: {
        tags: ['associations'],
        summary: 'An association: public when labelled; its members and admins also see its label file',
        params: associationParams,
        response: { 200: associationResponse, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => getAssociation(app.db, request.params.id, viewerOf(request)),
  );

  app.patch(
    '/associations/:id',
    {
      preHandler: [app.authenticate, app.requireRole('association')],
      schema: {
        tags: ['associations'],
        summary: 'Edit your association (RNA and SIRET only while the label is pending)',
        security: [{ bearerAuth: [] }],
        params: associationParams,
        body: updateAssociationBody,
        response: { 200: associationResponse, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      await updateAssociation(app.db, request.user.sub, request.params.id, request.body);
      return memberView(request.params.id);
    },
  );

  app.get(
    '/associations/:id/missions',
    {
      preHandler: [optionalAuthenticate],
      schema: {
        tags: ['associations'],
        summary: "An association's missions: published and filled ones for all, every status for its members",
        params: associationParams,
        querystring: associationMissionsQuery,
        response: { 200: associationMissionsResponse, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => listAssociationMissions(app.db, request.params.id, viewerOf(request), request.query),
  );

  app.post(
    '/associations/:id/members',
    {
      preHandler: [app.authenticate, app.requireRole('association')],
      schema: {
        tags: ['associations'],
        summary: 'Add a colleague (an association account without an association) as a member',
        security: [{ bearerAuth: [] }],
        params: associationParams,
        body: addMemberBody,
        response: { 201: memberSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const member = await addMember(app.db, request.user.sub, request.params.id, request.body.email);
      return reply.status(201).send(member);
    },
  );

  app.get(
    '/associations/:id/members',
    {
      preHandler: [app.authenticate, app.requireRole('association', 'admin')],
      schema: {
        tags: ['associations'],
        summary: 'Members of your association (admins see any)',
        security: [{ bearerAuth: [] }],
        params: associationParams,
        response: { 200: membersResponse, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({
      items: await listMembers(app.db, request.params.id, {
        userId: request.user.sub,
        role: request.user.role,
      }),
    }),
  );
}
