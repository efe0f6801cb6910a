import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { QUEUES } from '@passerelle/queue';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  clearDashboardCookie,
  DASHBOARD_COOKIE,
  DASHBOARD_PATH,
  dashboardTokenUser,
  isActiveAdmin,
} from './session';

/** Where the admin gets a new dashboard cookie (the page that links to the dashboard). */
const ADMIN_PAGE = '/admin/envois';

const EXPIRED_PAGE = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Session expirée · Passerelle</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#003da5}</style>
</head>
<body>
<main>
<h1>Session expirée — revenez à l’administration</h1>
<p>L’accès au tableau de bord des files d’attente est réservé aux administrateurs et dure 10 minutes.</p>
<p><a href="${ADMIN_PAGE}">Revenir à l’administration</a> puis rouvrez le tableau de bord.</p>
</main>
</body>
</html>
`;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A person's navigation gets a page to read; the dashboard's own fetches and assets get a problem. */
function wantsPage(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    !request.url.startsWith(`${DASHBOARD_PATH}/api/`) &&
    (request.headers.accept ?? '').includes('text/html')
  );
}

const PROBLEMS = {
  401: { slug: 'unauthorized', title: 'Unauthorized', code: 'UNAUTHORIZED' },
  403: { slug: 'forbidden', title: 'Forbidden', code: 'FORBIDDEN' },
  503: { slug: 'redis-unavailable', title: 'Service Unavailable', code: 'REDIS_UNAVAILABLE' },
} as const;

function refuse(request: FastifyRequest, reply: FastifyReply, status: 401 | 403 | 503, detail: string) {
  if (status === 401 && wantsPage(request)) {
    return reply
      .status(401)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(EXPIRED_PAGE);
  }
  const problem = PROBLEMS[status];
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://passerelle.laposte.fr/problems/${problem.slug}`,
      title: problem.title,
      status,
      detail,
      code: problem.code,
      instance: request.url.split('?')[0],
    });
}

/**
 * bull-board at /admin/queues over every queue of the app, for admins only. Mounted outside
 * /api/v1: its routes are hidden from the OpenAPI document (bull-board marks them `hide`).
 */
export default async function queueDashboard(app: FastifyInstance) {
  // The api's own Redis connection: fail fast when Redis is away (the dashboard then says so),
  // and no extra connection per api instance. BullMQ leaves a shared connection open on close.
  const queues = Object.values(QUEUES).map((name) => {
    const queue = new Queue(name, { connection: app.redis, prefix: app.config.QUEUE_PREFIX });
    // Redis outages are reported by /health/ready; without a listener they would crash the process.
    queue.on('error', () => {});
    return queue;
  });
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((queue) => queue.close()));
  });

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: {
      uiConfig: {
        boardTitle: 'Passerelle · files',
        locale: { lng: 'fr-FR' },
        miscLinks: [{ text: 'Retour à l’administration', url: ADMIN_PAGE }],
        hideDocsLink: true,
      },
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    // SameSite=Strict keeps the cookie off cross-site requests; a same-site but cross-origin page
    // (another subdomain) is refused here before it can retry, clean or obliterate a queue.
    const origin = request.headers.origin;
    if (UNSAFE_METHODS.has(request.method) && origin && safeHost(origin) !== request.host) {
      return refuse(request, reply, 403, 'Cross-origin request refused');
    }
    const token = request.cookies[DASHBOARD_COOKIE];
    const userId = dashboardTokenUser(app, token);
    if (!userId || !(await isActiveAdmin(app.db, userId))) {
      if (token) clearDashboardCookie(app, reply);
      return refuse(request, reply, 401, 'The queue dashboard session is missing, expired or revoked');
    }
    // BullMQ would wait for Redis as long as it is away: say so at once instead. Its queue objects
    // wait on the same connection, which reconnects by itself, so the dashboard comes back with it.
    if (request.url.startsWith(`${DASHBOARD_PATH}/api/`) && app.redis.status !== 'ready') {
      return refuse(request, reply, 503, 'Redis is unreachable: the queues cannot be read right now');
    }
  });

  await app.register(serverAdapter.registerPlugin());
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
