import jwt from '@fastify/jwt';
import type { Role } from '@passerelle/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
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
  }
}

/**
 * Short-lived access tokens, HS256 only (the algorithm is pinned on verify, so a token signed
 * with "none" or another algorithm is refused), issuer and audience checked.
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
    app.decorate('authenticate', async (request: FastifyRequest) => {
      if (!request.headers.authorization) throw unauthorized();
      try {
        await request.jwtVerify();
      } catch {
        throw unauthorized('The access token is invalid or expired');
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
  { name: 'auth', dependencies: ['error-handler'] },
);
