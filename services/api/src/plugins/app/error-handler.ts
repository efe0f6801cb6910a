import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../../lib/errors';

const PROBLEM_BASE = 'https://passerelle.laposte.fr/problems/';

function problemType(code: string): string {
  return `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * Every error leaves as application/problem+json (RFC 9457). Anything ≥ 500 hides its message:
 * the log has it, with the request id.
 */
export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      let status = 500;
      let code = 'INTERNAL_ERROR';
      let title = 'Internal Server Error';
      let detail: string | undefined = 'An unexpected error occurred';
      let errors: FieldError[] | undefined;

      if (error instanceof AppError) {
        ({ status, code, title, detail } = error);
        errors = error.errors;
        const retryAfter = (error as { headers?: Record<string, string> }).headers?.['retry-after'];
        if (retryAfter) reply.header('retry-after', retryAfter);
      } else if (hasZodFastifySchemaValidationErrors(error)) {
        status = 400;
        code = 'VALIDATION_FAILED';
        title = 'Bad Request';
        detail = 'The request is not valid';
        const where = contextName(error.validationContext);
        errors = error.validation.flatMap((issue) => {
          const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
          const keys =
            issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: unknown }).keys : undefined;
          // One entry per unknown field, so the client sees which field to drop.
          const names = Array.isArray(keys) && keys.length ? keys.map(String) : [undefined];
          return names.map((key) => ({
            field: [where, path, key].filter(Boolean).join('.'),
            message: key ? 'unknown field' : (issue.message ?? 'invalid'),
          }));
        });
        detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      } else if (isResponseSerializationError(error)) {
        request.log.error(
          { err: error, method: error.method, url: error.url },
          'response does not match its schema',
        );
      } else if ((error as { statusCode?: number }).statusCode === 429) {
        status = 429;
        code = 'RATE_LIMITED';
        title = 'Too Many Requests';
        detail = error.message;
        const retryAfter = (error as { headers?: Record<string, string> }).headers?.['retry-after'];
        if (retryAfter) reply.header('retry-after', retryAfter);
      } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
        status = error.statusCode;
        code = error.code ?? 'BAD_REQUEST';
        title = statusTitle(status);
        detail = error.message;
        if (error.validation) {
          const where = contextName(error.validationContext);
          errors = error.validation.map((v) => ({
            field: [where, v.instancePath.replace(/^\//, '').replace(/\//g, '.')].filter(Boolean).join('.'),
            message: v.message ?? 'invalid',
          }));
        } else if (status === 400 || status === 415) {
          // Malformed JSON, wrong content type: the body itself is the field at fault.
          errors = [
            {
              field: code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'headers.content-type' : 'body',
              message: error.message,
            },
          ];
        }
      }

      // Database errors carry the query's parameters (emails, names) in their message: log codes only.
      if (status >= 500) request.log.error({ err: safeError(error) }, 'request failed');
      else request.log.info({ code, status }, 'request refused');

      return reply
        .status(status)
        .type('application/problem+json')
        .send({
          type: problemType(code),
          title,
          status,
          detail,
          code,
          instance: request.url.split('?')[0],
          ...(errors ? { errors } : {}),
        });
    });

    app.setNotFoundHandler((request, reply) => {
      // With the built web app served, client-side routes (any non-API GET) get the app shell.
      // The queue dashboard is the api's own page: an unknown path under it is a 404, not the app shell.
      const spa =
        request.method === 'GET' &&
        !request.url.startsWith('/api/') &&
        !request.url.startsWith('/docs') &&
        !/^\/admin\/queues(?:[/?]|$)/.test(request.url);
      if (spa && typeof reply.sendFile === 'function' && app.config.WEB_DIST)
        return reply.sendFile('index.html');
      return reply
        .status(404)
        .type('application/problem+json')
        .send({
          type: problemType('NOT_FOUND'),
          title: 'Not Found',
          status: 404,
          detail: `No route ${request.method} ${request.url.split('?')[0]}`,
          code: 'NOT_FOUND',
        });
    });
  },
  { name: 'error-handler' },
);

function contextName(context: string | undefined): string {
  if (context === 'querystring') return 'query';
  return context ?? 'body';
}

function safeError(error: Error): Record<string, unknown> {
  const cause = (error as { cause?: { code?: string; constraint?: string; table?: string } }).cause;
  const pgLike = error as { code?: string; constraint?: string; table?: string };
  return {
    type: error.name,
    code: cause?.code ?? pgLike.code,
    constraint: cause?.constraint ?? pgLike.constraint,
    table: cause?.table ?? pgLike.table,
    // Our own errors and programming errors have no personal data in their message; SQL ones do.
    message: /failed query|params:/i.test(error.message) ? undefined : error.message,
    stack: error.stack?.split('\n').slice(1, 6).join('\n'),
  };
}

function statusTitle(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    406: 'Not Acceptable',
    409: 'Conflict',
    413: 'Content Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Content',
    429: 'Too Many Requests',
  };
  return titles[status] ?? 'Bad Request';
}
