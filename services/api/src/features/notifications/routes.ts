import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../lib/problem';
import { confirmationPage, unsubscribedPage } from './pages';
import {
  okResponse,
  preferencesBody,
  preferencesResponse,
  unsubscribeBody,
  unsubscribePageQuery,
  unsubscribeQuery,
} from './schemas';
import { getPreferences, invalidUnsubscribeToken, setPreferences, unsubscribe } from './service';

export default async function notificationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // RFC 8058 POSTs a form. The parsers are added in this plugin's scope only: the rest of the api
  // stays JSON-only (415 for anything else).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4_096 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  // Some providers send multipart/form-data; its only field (List-Unsubscribe=One-Click) adds nothing.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'string', bodyLimit: 4_096 },
    (_request, _body, done) => done(null, {}),
  );

  const perIp = app.rateLimit({
    max: 30,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `unsubscribe:${request.ip}`,
  });

  app.get(
    '/me/notification-preferences',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['notifications'],
        summary: 'My email preferences: recommendations and activity, each immediate, daily, weekly or never',
        security: [{ bearerAuth: [] }],
        response: { 200: preferencesResponse, ...problemResponses(401) },
      },
    },
    async (request) => getPreferences(app.db, request.user.sub),
  );

  app.put(
    '/me/notification-preferences',
    {
      preHandler: [app.authenticate],
      schema: {
        tags: ['notifications'],
        summary: 'Set my email preferences (daily digests at 07:00, weekly ones on Monday, Paris time)',
        security: [{ bearerAuth: [] }],
        body: preferencesBody,
        response: { 200: preferencesResponse, ...problemResponses(400, 401, 413, 415) },
      },
    },
    async (request) => setPreferences(app.db, request.user.sub, request.body),
  );

  // What a person's click on the emailed link opens. A GET never unsubscribes: link scanners and
  // previews fetch every link of an email, so the page asks for a click that POSTs.
  app.get(
    '/unsubscribe',
    {
      preHandler: [perIp],
      schema: {
        tags: ['notifications'],
        summary: 'Confirmation page of the unsubscribe link (HTML); the unsubscribe itself is the POST',
        querystring: unsubscribePageQuery,
        produces: ['text/html'],
        // Documentation only: a string sent as text/html bypasses the JSON serializer.
        response: { 200: z.string().describe('HTML page'), ...problemResponses(400, 429) },
      },
    },
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(request.query.done ? unsubscribedPage() : confirmationPage(request.query.token ?? '')),
  );

  app.post(
    '/unsubscribe',
    {
      preHandler: [perIp],
      schema: {
        tags: ['notifications'],
        summary:
          'One-click unsubscribe from recommendation emails (RFC 8058): the token of the List-Unsubscribe link, in the query or the body',
        querystring: unsubscribeQuery,
        body: unsubscribeBody,
        consumes: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'],
        response: { 200: okResponse, ...problemResponses(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const token = request.query.token ?? request.body?.token;
      const field = request.query.token ? 'query.token' : 'body.token';
      if (!token || !(await unsubscribe(app.db, token))) throw invalidUnsubscribeToken(field);
      // The confirmation page's own form: Post/Redirect/Get, to a page a person can read.
      if (request.body?.source === 'page') {
        return reply.redirect(`?token=${encodeURIComponent(token)}&done=1`, 303);
      }
      return { ok: true as const };
    },
  );
}
