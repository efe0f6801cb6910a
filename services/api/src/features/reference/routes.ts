import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../lib/problem';
import {
  businessUnitsResponse,
  communeDetail,
  communeParams,
  communesQuery,
  communesResponse,
  departementsQuery,
  departementsResponse,
  domainsResponse,
  regionsResponse,
  skillCategoriesResponse,
  skillsQuery,
  skillsResponse,
} from './schemas';
import {
  getCommune,
  listBusinessUnits,
  listDepartements,
  listDomains,
  listRegions,
  listSkillCategories,
  listSkills,
  searchCommunes,
} from './service';

/** Reference data changes with a deployment, not during the day: browsers and proxies may keep it. */
const CACHE_CONTROL = 'public, max-age=3600';

export default async function referenceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Encapsulated in this plugin: only the reference routes get the header, and only on success
  // (a 404 for a commune code must not be cached for an hour).
  app.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 200) reply.header('cache-control', CACHE_CONTROL);
    return payload;
  });

  app.get(
    '/skills',
    {
      schema: {
        tags: ['reference'],
        summary: 'Skills taxonomy (ROME 4.0 / ESCO), optionally filtered by label or category',
        querystring: skillsQuery,
        response: { 200: skillsResponse, ...problemResponses(400) },
      },
    },
    async (request) => ({ items: await listSkills(app.db, request.query) }),
  );

  app.get(
    '/skill-categories',
    {
      schema: {
        tags: ['reference'],
        summary: 'Parent categories of the skills taxonomy',
        response: { 200: skillCategoriesResponse },
      },
    },
    async () => ({ items: await listSkillCategories(app.db) }),
  );

  app.get(
    '/domains',
    {
      schema: {
        tags: ['reference'],
        summary: 'The domains of action of the Alliance Dynamique',
        response: { 200: domainsResponse },
      },
    },
    async () => ({ items: await listDomains(app.db) }),
  );

  app.get(
    '/business-units',
    {
      schema: {
        tags: ['reference'],
        summary: 'Business units of the La Poste group a postier can belong to',
        response: { 200: businessUnitsResponse },
      },
    },
    async () => ({ items: await listBusinessUnits(app.db) }),
  );

  app.get(
    '/geo/regions',
    {
      schema: { tags: ['reference'], summary: 'French régions', response: { 200: regionsResponse } },
    },
    async () => ({ items: await listRegions(app.db) }),
  );

  app.get(
    '/geo/departements',
    {
      schema: {
        tags: ['reference'],
        summary: 'French départements, optionally of one région',
        querystring: departementsQuery,
        response: { 200: departementsResponse, ...problemResponses(400) },
      },
    },
    async (request) => ({ items: await listDepartements(app.db, request.query.region) }),
  );

  app.get(
    '/geo/communes',
    {
      schema: {
        tags: ['reference'],
        summary:
          'Commune autocomplete: by name prefix, or by postal or INSEE code prefix; most populous first',
        querystring: communesQuery,
        response: { 200: communesResponse, ...problemResponses(400) },
      },
    },
    async (request) => ({ items: await searchCommunes(app.db, request.query) }),
  );

  app.get(
    '/geo/communes/:code',
    {
      schema: {
        tags: ['reference'],
        summary: 'One commune by INSEE code, with its coordinates',
        params: communeParams,
        response: { 200: communeDetail, ...problemResponses(400, 404) },
      },
    },
    async (request) => getCommune(app.db, request.params.code),
  );
}
