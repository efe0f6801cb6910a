import { consumeEmailToken, schema, writeOutbox } from '@passerelle/db';
import type { Role } from '@passerelle/domain';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, unauthorized } from '../../lib/errors';
import { problemResponses } from '../../lib/problem';
import { accountLimiter } from '../../plugins/app/account-limiter';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../plugins/app/auth';
import { hashPassword } from './passwords';
import {
  loginBody,
  okResponse,
  passwordResetConfirmBody,
  passwordResetRequestBody,
  registerBody,
  registeredResponse,
  sessionResponse,
  tokenBody,
} from './schemas';
import {
  checkCredentials,
  invalidToken,
  isCommonPassword,
  issueRefreshToken,
  REFRESH_TOKEN_TTL_MS,
  registerUser,
  revokeAllSessions,
  revokeRefreshFamily,
  rotateRefreshToken,
  verifyEmail,
} from './service';

export const REFRESH_COOKIE = 'passerelle_refresh';
const COOKIE_PATH = '/api/v1/auth';

interface SessionUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: string;
  emailVerifiedAt: Date | null;
}

export default async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secure = app.config.PUBLIC_URL.startsWith('https://');

  const setRefreshCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(REFRESH_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure,
      path: COOKIE_PATH,
      maxAge: Math.floor(REFRESH_TOKEN_TTL_MS / 1000),
    });
  const clearRefreshCookie = (reply: FastifyReply) =>
    reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure });

  const session = (user: SessionUser) => ({
    accessToken: app.signAccessToken({ sub: user.id, role: user.role as Role }),
    tokenType: 'Bearer' as const,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user: {
      id: user.id,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      role: user.role as Role,
      emailVerified: user.emailVerifiedAt !== null,
    },
  });

  // Per IP and per account: a botnet spreading over accounts, or one account under attack from many IPs.
  const perIp = app.rateLimit({
    max: 20,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => `ip:${req.ip}`,
  });
  // Refresh is per IP too, but generous: a whole office of postiers can share one address.
  const perRefresh = app.rateLimit({
    max: 300,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => `refresh:${req.ip}`,
  });
  const perAccount = accountLimiter(app, { max: 5, windowMs: 60_000, name: 'account' });

  app.post(
    '/auth/register',
    {
      preHandler: [perIp, perAccount],
      schema: {
        tags: ['auth'],
        summary: 'Create a postier or association account; a verification email follows',
        body: registerBody,
        response: { 201: registeredResponse, ...problemResponses(400, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const user = await registerUser(app.db, request.body, app.config.POSTIER_EMAIL_DOMAINS);
      return reply.status(201).send(user);
    },
  );

  app.post(
    '/auth/verify-email',
    {
      schema: {
        tags: ['auth'],
        summary: 'Verify the email address with the token of the emailed link',
        body: tokenBody,
        response: { 200: okResponse, ...problemResponses(400, 413, 415) },
      },
    },
    async (request) => {
      await verifyEmail(app.db, request.body.token);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/login',
    {
      preHandler: [perIp, perAccount],
      schema: {
        tags: ['auth'],
        summary: 'Log in: an access token in the body, a rotating refresh token in an httpOnly cookie',
        body: loginBody,
        response: { 200: sessionResponse, ...problemResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const user = await checkCredentials(app.db, request.body.email, request.body.password);
      setRefreshCookie(reply, await issueRefreshToken(app.db, user.id));
      return session(user);
    },
  );

  app.post(
    '/auth/refresh',
    {
      preHandler: [perRefresh],
      schema: {
        tags: ['auth'],
        summary: 'Exchange the refresh cookie for a new access token (the cookie rotates)',
        response: { 200: sessionResponse, ...problemResponses(401, 429) },
      },
    },
    async (request, reply) => {
      const token = request.cookies[REFRESH_COOKIE];
      if (!token) throw unauthorized('No refresh token');
      const result = await rotateRefreshToken(app.db, token);
      if (result.kind !== 'ok') {
        clearRefreshCookie(reply);
        throw unauthorized(
          result.kind === 'reused'
            ? 'Refresh token reused: every session of this login is revoked'
            : 'Invalid refresh token',
        );
      }
      setRefreshCookie(reply, result.token);
      return session(result.user);
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Revoke the current session', response: { 200: okResponse } },
    },
    async (request, reply) => {
      const token = request.cookies[REFRESH_COOKIE];
      if (token) await revokeRefreshFamily(app.db, token);
      clearRefreshCookie(reply);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password-reset',
    {
      preHandler: [perIp, perAccount],
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password reset link (always 202, whether the account exists or not)',
        body: passwordResetRequestBody,
        response: { 202: okResponse, ...problemResponses(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const [user] = await app.db
        .select({ id: schema.users.id, status: schema.users.status })
        .from(schema.users)
        .where(sql`lower(${schema.users.email}) = ${request.body.email}`);
      if (user && user.status === 'active')
        await writeOutbox(app.db, 'password_reset.requested', { userId: user.id });
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      preHandler: [perIp],
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the token of the emailed link; every session is revoked',
        body: passwordResetConfirmBody,
        response: { 200: okResponse, ...problemResponses(400, 413, 415, 422, 429) },
      },
    },
    async (request) => {
      const { token, password } = request.body;
      if (isCommonPassword(password)) {
        throw new AppError(
          'PASSWORD_TOO_COMMON',
          422,
          'Unprocessable Content',
          'This password is among the most common ones',
          [{ field: 'body.password', message: 'too common' }],
        );
      }
      const passwordHash = await hashPassword(password);
      await app.db.transaction(async (tx) => {
        // HR invitations and password resets both end here: the token says which.
        const userId =
          (await consumeEmailToken(tx, token, 'password_reset')) ??
          (await consumeEmailToken(tx, token, 'hr_invitation'));
        if (!userId) throw invalidToken();
        await tx
          .update(schema.users)
          .set({
            passwordHash,
            emailVerifiedAt: sql`coalesce(${schema.users.emailVerifiedAt}, now())`,
            updatedAt: new Date(),
          })
          .where(eq(schema.users.id, userId));
        await revokeAllSessions(tx, userId);
      });
      return { ok: true as const };
    },
  );
}
