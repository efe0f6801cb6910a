import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../lib/problem';
import type { Actor } from '../missions/access';
import { parisToday } from '../missions/rules';
import { decideHr, listApprovals } from './approvals';
import { associationTimeEntryRoutes } from './association-time-entries';
import { setHourlyCost } from './hourly-costs';
import { hrUserRoutes } from './hr-users';
import { quotaSettingsRoutes } from './quota-settings';
import { associationStatement, hoursReport, reportCsv } from './reports';
import {
  approvalItem,
  bulkValidateBody,
  bulkValidateResponse,
  hourlyCostBody,
  hourlyCostResponse,
  hrDecisionBody,
  hrDecisionResponse,
  hrTimeEntriesQuery,
  hrTimeEntrySchema,
  idParams,
  myTimeEntriesQuery,
  myTimeEntriesResponse,
  pageOf,
  pageQuery,
  reasonBody,
  reportQuery,
  reportResponse,
  statementQuery,
  statementResponse,
  timeEntryBody,
  timeEntrySchema,
} from './schemas';
import { yearOf } from './scope';
import {
  associationReview,
  bulkValidate,
  hrReview,
  listHrTimeEntries,
  listMyTimeEntries,
  logTimeEntry,
  readTimeEntry,
} from './time-entries';

/** CSV when the client asks for text/csv and does not rank JSON above it. */
function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranked = accept.split(',').map((part, index) => {
    const [type = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
  });
  const csv = ranked.find((r) => r.type === 'text/csv' && r.q > 0);
  const json = ranked.find((r) => r.type === 'application/json' && r.q > 0);
  return Boolean(csv && (!json || csv.q > json.q || (csv.q === json.q && csv.index < json.index)));
}

const reportOrCsv = z.union([reportResponse, z.string().describe('CSV (Accept: text/csv)')]);

const actorOf = (request: FastifyRequest): Actor => ({ userId: request.user.sub, role: request.user.role });

export default async function hrRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const hr = [app.authenticate, app.requireRole('hr', 'admin')];
  const postiers = [app.authenticate, app.requireRole('postier')];
  const members = [app.authenticate, app.requireRole('association')];
  const security = [{ bearerAuth: [] }];

  hrUserRoutes(fastify);
  quotaSettingsRoutes(fastify);
  associationTimeEntryRoutes(fastify);

  app.post(
    '/applications/:id/hr-decision',
    {
      preHandler: hr,
      schema: {
        tags: ['hr'],
        summary: 'Approve or refuse the work time of an accepted participation (HR of the postier’s scope)',
        security,
        params: idParams,
        body: hrDecisionBody,
        response: { 200: hrDecisionResponse, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) =>
      decideHr(app.db, {
        actor: actorOf(request),
        applicationId: request.params.id,
        decision: request.body.decision,
        comment: request.body.comment,
      }),
  );

  app.get(
    '/hr/approvals',
    {
      preHandler: hr,
      schema: {
        tags: ['hr'],
        summary: 'Participations waiting for HR in your scope, with the postier’s remaining yearly quota',
        security,
        querystring: pageQuery,
        response: { 200: pageOf(approvalItem), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listApprovals(app.db, actorOf(request), request.query),
  );

  app.post(
    '/applications/:id/time-entries',
    {
      preHandler: postiers,
      schema: {
        tags: ['hr'],
        summary:
          'Log hours on an HR-approved participation (not in the future, within the mission, ≤ 10 h a day, within the quota)',
        security,
        params: idParams,
        body: timeEntryBody,
        response: { 201: timeEntrySchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const id = await logTimeEntry(app.db, {
        postierId: request.user.sub,
        applicationId: request.params.id,
        ...request.body,
        today: parisToday(),
      });
      return reply.status(201).send(await readTimeEntry(app.db, id));
    },
  );

  app.get(
    '/me/time-entries',
    {
      preHandler: postiers,
      schema: {
        tags: ['hr'],
        summary: 'Your time entries of a year (this year by default) and your remaining yearly quota',
        security,
        querystring: myTimeEntriesQuery,
        response: { 200: myTimeEntriesResponse, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) =>
      listMyTimeEntries(app.db, request.user.sub, request.query.year ?? yearOf(parisToday())),
  );

  app.post(
    '/time-entries/:id/confirm',
    {
      preHandler: members,
      schema: {
        tags: ['hr'],
        summary: 'Confirm the hours a postier gave your association',
        security,
        params: idParams,
        response: { 200: timeEntrySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await associationReview(app.db, {
        actor: actorOf(request),
        id: request.params.id,
        outcome: 'confirmed',
      });
      return readTimeEntry(app.db, request.params.id);
    },
  );

  app.post(
    '/time-entries/:id/dispute',
    {
      preHandler: members,
      schema: {
        tags: ['hr'],
        summary: 'Dispute hours logged on your association’s mission, with the reason the postier will read',
        security,
        params: idParams,
        body: reasonBody,
        response: { 200: timeEntrySchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      await associationReview(app.db, {
        actor: actorOf(request),
        id: request.params.id,
        outcome: 'rejected',
        reason: request.body.reason,
      });
      return readTimeEntry(app.db, request.params.id);
    },
  );

  app.post(
    '/time-entries/:id/validate',
    {
      preHandler: hr,
      schema: {
        tags: ['hr'],
        summary:
          'Validate confirmed hours (HR of the postier’s scope): they count in the quota and the reports',
        security,
        params: idParams,
        response: { 200: timeEntrySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await hrReview(app.db, { actor: actorOf(request), id: request.params.id, outcome: 'validated' });
      return readTimeEntry(app.db, request.params.id);
    },
  );

  app.post(
    '/time-entries/:id/reject',
    {
      preHandler: hr,
      schema: {
        tags: ['hr'],
        summary: 'Reject hours (HR of the postier’s scope), with a reason',
        security,
        params: idParams,
        body: reasonBody,
        response: { 200: timeEntrySchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      await hrReview(app.db, {
        actor: actorOf(request),
        id: request.params.id,
        outcome: 'rejected',
        reason: request.body.reason,
      });
      return readTimeEntry(app.db, request.params.id);
    },
  );

  app.post(
    '/hr/time-entries/validate',
    {
      preHandler: hr,
      schema: {
        tags: ['hr'],
        summary: 'Validate many confirmed entries at once; the others are listed as skipped, with why',
        security,
        body: bulkValidateBody,
        response: { 200: bulkValidateResponse, ...problemResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request) => bulkValidate(app.db, actorOf(request), request.body.ids),
  );

  app.get(
    '/hr/time-entries',
    {
      preHandler: hr,
      schema: {
        tags: ['hr'],
        summary: 'Time entries in your scope, oldest first, by status',
        security,
        querystring: hrTimeEntriesQuery,
        response: { 200: pageOf(hrTimeEntrySchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listHrTimeEntries(app.db, actorOf(request), request.query),
  );

  app.put(
    '/hr/hourly-costs',
    {
      preHandler: hr,
      schema: {
        tags: ['hr'],
        summary: 'Set the hourly cost (gross pay + employer charges) of a business unit from a date',
        security,
        body: hourlyCostBody,
        response: { 200: hourlyCostResponse, ...problemResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => setHourlyCost(app.db, actorOf(request), request.body),
  );

  app.get(
    '/hr/reports/hours',
    {
      preHandler: hr,
      schema: {
        tags: ['hr'],
        summary: 'Validated hours and valuation of a year in your scope, grouped; CSV with Accept: text/csv',
        description:
          'Valuation: hours × the business unit’s hourly cost in force that day, capped per employee and year at 3 × PASS. ' +
          'The CSV is UTF-8 with a BOM, `;`-separated, with French headers and decimal commas, and ends with a TOTAL line.',
        security,
        querystring: reportQuery,
        response: { 200: reportOrCsv, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const report = await hoursReport(app.db, actorOf(request), request.query);
      if (wantsCsv(request.headers.accept)) {
        const filename = `heures-${report.year}-${report.groupBy}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .serializer((payload: unknown) => String(payload))
          .send(reportCsv(report));
      }
      return report;
    },
  );

  app.get(
    '/associations/:id/statement',
    {
      preHandler: [app.authenticate, app.requireRole('association', 'admin')],
      schema: {
        tags: ['hr'],
        summary:
          'Yearly statement of the validated hours given to your association and the postiers involved (no costs)',
        security,
        params: idParams,
        querystring: statementQuery,
        response: { 200: statementResponse, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => associationStatement(app.db, actorOf(request), request.params.id, request.query.year),
  );
}
