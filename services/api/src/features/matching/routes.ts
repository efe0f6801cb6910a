import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../lib/problem';
import type { Actor } from '../missions/access';
import { missionParams } from '../missions/schemas';
import {
  invitationsBody,
  invitationsResponse,
  missionMatchesResponse,
  recommendationsPage,
  recommendationsQuery,
} from './schemas';
import { listRecommendations, missionMatches, sendInvitations } from './service';

const actorOf = (request: FastifyRequest): Actor => ({ userId: request.user.sub, role: request.user.role });

export default async function matchingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/me/recommendations',
    {
      preHandler: [app.authenticate, app.requireRole('postier')],
      schema: {
        tags: ['matching'],
        summary: 'Missions recommended to me, best first, with the score and its reasons',
        security: [{ bearerAuth: [] }],
        querystring: recommendationsQuery,
        response: { 200: recommendationsPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listRecommendations(app.db, { postierId: request.user.sub, query: request.query }),
  );

  app.get(
    '/missions/:id/matches',
    {
      preHandler: [app.authenticate, app.requireRole('admin', 'association')],
      schema: {
        tags: ['matching'],
        summary:
          "A mission's matches: admins see the ranked postiers; the association's members only counts per score band and anonymised reasons",
        security: [{ bearerAuth: [] }],
        params: missionParams,
        response: { 200: missionMatchesResponse, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => missionMatches(app.db, { actor: actorOf(request), missionId: request.params.id }),
  );

  app.post(
    '/missions/:id/invitations',
    {
      preHandler: [app.authenticate, app.requireRole('association')],
      schema: {
        tags: ['matching'],
        summary:
          'Invite the best matched postiers not yet invited (under the monthly solicitation cap); answers a count, never who',
        security: [{ bearerAuth: [] }],
        params: missionParams,
        body: invitationsBody,
        response: { 200: invitationsResponse, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) =>
      sendInvitations(app.db, {
        actor: actorOf(request),
        missionId: request.params.id,
        count: request.body.count,
      }),
  );
}
