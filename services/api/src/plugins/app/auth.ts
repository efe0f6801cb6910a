import jwt from '@fastify/jwt';
import { schema } from '@passerelle/db';
import { isUuid, type Role } from '@passerelle/domain';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AccountStandings, createAccountStandings } from '../../lib/account-standing';
import { forbidden, unauthorized } from '../../lib/errors';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const JWT_ISSUER = 'passerelle';
export const JWT_AUDIENCE = 'passerelle-api';

export interface AccessClaims {
  sub: string;
  role: Role;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AccessClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireRole: (...roles: Role[]) => (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    signAccessToken: (claims: AccessClaims) => string;
    /** Accounts as they are now, checked on every authenticated request (see account-standing.ts). */
    accountStandings: AccountStandings;
  }
}

/**
 * Short-lived access tokens, HS256 only (the algorithm is pinned on verify, so a token signed
 * with "none" or another algorithm is refused), issuer and audience checked, and the account
 * behind them still active with the role they claim.
 */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(jwt, {
      secret: app.config.JWT_SECRET,
      sign: { algorithm: 'HS256', iss: JWT_ISSUER, aud: JWT_AUDIENCE, expiresIn: ACCESS_TOKEN_TTL_SECONDS },
      verify: { algorithms: ['HS256'], allowedIss: JWT_ISSUER, allowedAud: JWT_AUDIENCE },
    });
    app.decorate('signAccessToken', (claims: AccessClaims) =>
      app.jwt.sign({ sub: claims.sub, role: claims.role }),
    );
    const { users } = schema;
    const standings = createAccountStandings(async (userId) => {
      // Our own tokens carry a user id; anything else names no account (and must not reach SQL).
      if (!isUuid(userId)) return undefined;
      const [user] = await app.db
        .select({ status: users.status, role: users.role })
        .from(users)
        .where(eq(users.id, userId));
      return user;
    });
    app.decorate('accountStandings', standings);
    app.decorate('authenticate', async (request: FastifyRequest) => {
      if (!request.headers.authorization) throw unauthorized();
      try {
        await request.jwtVerify();
      } catch {
        throw unauthorized('The access token is invalid or expired');
      }
      const standing = await standings.get(request.user.sub);
      if (standing?.status !== 'active' || standing.role !== request.user.role) {
        throw unauthorized('This account is no longer active');
      }
    });
    app.decorate('requireRole', (...roles: Role[]) => {
      const guard = async (request: FastifyRequest) => {
        if (!roles.includes(request.user.role)) throw forbidden();
      };
      // Read by route-conventions to document the roles in the OpenAPI document.
      return Object.assign(guard, { roles });
    });
  },
  { name: 'auth', dependencies: ['error-handler', 'database'] },
);
