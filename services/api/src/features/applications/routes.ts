import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../lib/problem';
import type { Actor } from '../missions/access';
import { parisToday } from '../missions/rules';
import { missionParams } from '../missions/schemas';
import { acceptApplication, declineApplication } from './decide-application';
import { listMissionApplications, listMyApplications } from './list-applications';
import { readApplication } from './read';
import {
  applicantItem,
  applicationParams,
  applicationResponse,
  declineApplicationBody,
  myApplicationItem,
  pageOf,
  pageQuery,
  submitApplicationBody,
} from './schemas';
import { submitApplication } from './submit-application';
import { withdrawApplication } from './withdraw-application';

const actorOf = (request: FastifyRequest): Actor => ({ userId: request.user.sub, role: request.user.role });

export default async function applicationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Decisions here change what the public sees (seats taken, a label, a name).
  app.addHook('onSend', app.forgetPublicReadsAfterWrite);
  const postiers = [app.authenticate, app.requireRole('postier')];
  const members = [app.authenticate, app.requireRole('association')];

  app.post(
    '/missions/:id/applications',
    {
      preHandler: postiers,
      schema: {
        tags: ['applications'],
        summary: 'Apply to a published mission (once per mission)',
        security: [{ bearerAuth: [] }],
        params: missionParams,
        body: submitApplicationBody,
        response: { 201: applicationResponse, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const id = await submitApplication(app.db, {
        postierId: request.user.sub,
        missionId: request.params.id,
        motivation: request.body.motivation,
        today: parisToday(),
      });
      return reply.status(201).send(await readApplication(app.db, id));
    },
  );

  app.get(
    '/missions/:id/applications',
    {
      preHandler: members,
      schema: {
        tags: ['applications'],
        summary: "The applicants of one of the association's missions, first come first, with who they are",
        security: [{ bearerAuth: [] }],
        params: missionParams,
        querystring: pageQuery,
        response: { 200: pageOf(applicantItem), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      listMissionApplications(app.db, {
        actor: actorOf(request),
        missionId: request.params.id,
        query: request.query,
      }),
  );

  app.get(
    '/me/applications',
    {
      preHandler: postiers,
      schema: {
        tags: ['applications'],
        summary:
          "The postier's own applications, newest first, with the mission, its association and the HR status",
        security: [{ bearerAuth: [] }],
        querystring: pageQuery,
        response: { 200: pageOf(myApplicationItem), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listMyApplications(app.db, { postierId: request.user.sub, query: request.query }),
  );

  app.post(
    '/applications/:id/accept',
    {
      preHandler: members,
      schema: {
        tags: ['applications'],
        summary:
          'Accept an application: the work time then waits for HR; the last seat taken fills the mission',
        security: [{ bearerAuth: [] }],
        params: applicationParams,
        response: { 200: applicationResponse, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await acceptApplication(app.db, { actor: actorOf(request), applicationId: request.params.id });
      return readApplication(app.db, request.params.id);
    },
  );

  app.post(
    '/applications/:id/decline',
    {
      preHandler: members,
      schema: {
        tags: ['applications'],
        summary: 'Decline an application, with the reason the postier will read',
        security: [{ bearerAuth: [] }],
        params: applicationParams,
        body: declineApplicationBody,
        response: { 200: applicationResponse, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      await declineApplication(app.db, {
        actor: actorOf(request),
        applicationId: request.params.id,
        reason: request.body.reason,
      });
      return readApplication(app.db, request.params.id);
    },
  );

  app.post(
    '/applications/:id/withdraw',
    {
      preHandler: postiers,
      schema: {
        tags: ['applications'],
        summary: 'Withdraw your application, submitted or accepted (an accepted one frees its seat)',
        security: [{ bearerAuth: [] }],
        params: applicationParams,
        response: { 200: applicationResponse, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await withdrawApplication(app.db, { postierId: request.user.sub, applicationId: request.params.id });
      return readApplication(app.db, request.params.id);
    },
  );
}
