import { type Database, schema } from '@passerelle/db';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** A browser page, not part of the JSON API: outside /api/v1 and out of the OpenAPI document. */
export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'passerelle_queue_dashboard';
/** Its own audience: an access token is no dashboard token, and a dashboard token is no access token. */
export const DASHBOARD_AUDIENCE = 'queue-dashboard';
export const DASHBOARD_SESSION_TTL_SECONDS = 10 * 60;

/**
 * The SPA keeps its access token in memory, so a plain navigation to the dashboard carries no
 * bearer: the dashboard is reached with this short-lived cookie instead, scoped to its own path.
 */
export function setDashboardCookie(app: FastifyInstance, reply: FastifyReply, userId: string): void {
  const token = app.jwt.sign(
    { sub: userId, role: 'admin' },
    { aud: DASHBOARD_AUDIENCE, expiresIn: DASHBOARD_SESSION_TTL_SECONDS },
  );
  reply.setCookie(DASHBOARD_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: app.config.PUBLIC_URL.startsWith('https://'),
    path: DASHBOARD_PATH,
    maxAge: DASHBOARD_SESSION_TTL_SECONDS,
  });
}

export function clearDashboardCookie(app: FastifyInstance, reply: FastifyReply): void {
  reply.clearCookie(DASHBOARD_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: app.config.PUBLIC_URL.startsWith('https://'),
    path: DASHBOARD_PATH,
  });
}

/** The user id the cookie was issued to, or null when it is forged, expired or another kind of token. */
export function dashboardTokenUser(app: FastifyInstance, token: string | undefined): string | null {
  if (!token) return null;
  try {
    // Algorithm and issuer stay pinned by the auth plugin's verify defaults; only the audience differs.
    const claims = app.jwt.verify<{ sub?: unknown }>(token, { allowedAud: DASHBOARD_AUDIENCE });
    return typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}

/** Asked on every dashboard request, so a disabled or demoted admin loses access at once. */
export async function isActiveAdmin(db: Database, userId: string): Promise<boolean> {
  const [user] = await db
    .select({ role: schema.users.role, status: schema.users.status })
    .from(schema.users)
    .where(eq(schema.users.id, userId));
  return user?.role === 'admin' && user.status === 'active';
}
