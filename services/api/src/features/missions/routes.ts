import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendSerialized, serializeWithRouteSchema } from '../../lib/cached-json';
import { problemResponses } from '../../lib/problem';
import type { Actor } from './access';
import { closeMission } from './close-mission';
import { createMission } from './create-mission';
import { getMission, isPublic, readMissionOrFail, readOpenMissions } from './get-mission';
import { publishMission } from './publish-mission';
import { parisToday } from './rules';
import {
  createMissionBody,
  type MissionDetail,
  missionDetail,
  missionParams,
  searchQuery,
  searchResponse,
  updateMissionBody,
} from './schemas';
import { searchMissions } from './search-missions';
import { updateMission } from './update-mission';

const WARM_BATCH = 500;
const actorOf = (request: FastifyRequest): Actor => ({ userId: request.user.sub, role: request.user.role });

export default async function missionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const members = [app.authenticate, app.requireRole('association')];
  const cache = app.publicReads;
  app.addHook('onSend', app.forgetPublicReadsAfterWrite);
  /** Same bytes as the route's serializer (JSON of the encoded response schema), outside a request too. */
  const serializeMission = (mission: MissionDetail) =>
    Buffer.from(JSON.stringify(missionDetail.encode(mission)));

  // Every open mission is read by someone sooner or later: load them all while there is room,
  // so the first reader of each does not pay for the trip to PostgreSQL.
  app.warmPublicReads(async () => {
    let afterId: string | null = null;
    while (cache.active && !cache.missionsFull) {
      const generation = cache.generation;
      const batch = await readOpenMissions(app.db, afterId, WARM_BATCH);
      for (const mission of batch) cache.rememberMission(mission.id, serializeMission(mission), generation);
      const last = batch.at(-1);
      if (!last || batch.length < WARM_BATCH) return;
      afterId = last.id;
    }
  });

  /** Public routes still read a token when one is sent: a member sees their own drafts. A bad token is a 401. */
  const optionalViewer = async (request: FastifyRequest, reply: FastifyReply): Promise<Actor | undefined> => {
    if (!request.headers.authorization) return undefined;
    await app.authenticate(request, reply);
    return actorOf(request);
  };

  app.get(
    '/missions',
    {
      schema: {
        tags: ['missions'],
        summary:
          'Search published missions (French full text, filters, relevance/date/distance sorts, cursor pages)',
        description: [
          'Only published missions are listed (drafts are private; filled and closed missions take nobody).',
          '`q`: French full text on title and description; accents and plurals are ignored ("numerique" finds "numérique").',
          '`skills=a,b`: missions asking for all the listed skills. `from`/`to`: missions whose dates overlap the period.',
          '`near` (INSEE code) + `radiusKm`: distance between commune centroids; missions without a commune are left out by',
          'a radius unless `mode=remote`. `sort`: `relevance` (default with q), `date` (newest first, default otherwise),',
          '`distance` (needs near). `cursor` pages are stable: no row skipped or repeated while missions are published.',
        ].join(' '),
        querystring: searchQuery,
        response: { 200: searchResponse, ...problemResponses(400, 422) },
      },
    },
    async (request, reply) => {
      // The parsed query is the key: defaults filled in, so equivalent URLs share one entry.
      const key = JSON.stringify(request.query);
      const cached = cache.search(key);
      if (cached !== undefined) return sendSerialized(reply, cached);
      const generation = cache.generation;
      const json = serializeWithRouteSchema(reply, await searchMissions(app.db, request.query));
      cache.rememberSearch(key, json, generation);
      return sendSerialized(reply, json);
    },
  );

  app.post(
    '/missions',
    {
      preHandler: members,
      schema: {
        tags: ['missions'],
        summary: "Write a mission: a draft of the caller's association, published later",
        security: [{ bearerAuth: [] }],
        body: createMissionBody,
        response: { 201: missionDetail, ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const id = await createMission(app.db, {
        userId: request.user.sub,
        mission: request.body,
        today: parisToday(),
      });
      return reply.status(201).send(await readMissionOrFail(app.db, id));
    },
  );

  app.get(
    '/missions/:id',
    {
      schema: {
        tags: ['missions'],
        summary: "A mission: public once published; a draft only for its association's members and admins",
        params: missionParams,
        response: { 200: missionDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const viewer = await optionalViewer(request, reply);
      const cached = cache.mission(request.params.id);
      if (cached !== undefined) return sendSerialized(reply, cached);
      const generation = cache.generation;
      const mission = await getMission(app.db, { missionId: request.params.id, viewer });
      // Drafts are answered to their members only, so only public missions are shared.
      if (!isPublic(mission)) return mission;
      const json = serializeMission(mission);
      cache.rememberMission(mission.id, json, generation);
      return sendSerialized(reply, json);
    },
  );

  app.patch(
    '/missions/:id',
    {
      preHandler: members,
      schema: {
        tags: ['missions'],
        summary:
          'Edit a mission: drafts freely, a published one too (announced to the matcher); a closed one no more',
        security: [{ bearerAuth: [] }],
        params: missionParams,
        body: updateMissionBody,
        response: { 200: missionDetail, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      await updateMission(app.db, {
        actor: actorOf(request),
        missionId: request.params.id,
        changes: request.body,
        today: parisToday(),
      });
      return readMissionOrFail(app.db, request.params.id);
    },
  );

  app.post(
    '/missions/:id/publish',
    {
      preHandler: members,
      schema: {
        tags: ['missions'],
        summary: 'Publish a draft (the association must be labelled)',
        security: [{ bearerAuth: [] }],
        params: missionParams,
        response: { 200: missionDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await publishMission(app.db, {
        actor: actorOf(request),
        missionId: request.params.id,
        today: parisToday(),
      });
      return readMissionOrFail(app.db, request.params.id);
    },
  );

  app.post(
    '/missions/:id/close',
    {
      preHandler: [app.authenticate, app.requireRole('association', 'admin')],
      schema: {
        tags: ['missions'],
        summary:
          'Close a mission: no more applications; it stays readable (admins may close any, as moderation)',
        security: [{ bearerAuth: [] }],
        params: missionParams,
        response: { 200: missionDetail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await closeMission(app.db, { actor: actorOf(request), missionId: request.params.id });
      return readMissionOrFail(app.db, request.params.id);
    },
  );
}
