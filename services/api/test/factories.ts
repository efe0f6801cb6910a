import { randomUUID } from 'node:crypto';
import { type Database, schema } from '@passerelle/db';
import type { Role } from '@passerelle/domain';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../src/features/auth/passwords';

export const TEST_PASSWORD = 'Passerelle-Test-2026!';
let cachedHash: Promise<string> | undefined;
// One argon2 hash for every fixture user: hashing is slow on purpose.
const passwordHash = () => {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
};

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
  /** Authorization header for app.inject. */
  auth: { authorization: string };
}

/** A verified, active user of the given role, with an access token. Unique email every call. */
export async function createUser(
  app: FastifyInstance,
  role: Role,
  options: { email?: string; firstName?: string; lastName?: string } = {},
): Promise<TestUser> {
  const suffix = randomUUID().slice(0, 8);
  const domain = role === 'postier' || role === 'hr' || role === 'admin' ? 'laposte.fr' : 'asso.example.org';
  const email = options.email ?? `${role}.${suffix}@${domain}`;
  const db: Database = app.db;
  const [user] = await db
    .insert(schema.users)
    .values({
      email,
      passwordHash: await passwordHash(),
      role,
      firstName: options.firstName ?? 'Camille',
      lastName: options.lastName ?? `Test-${suffix}`,
      emailVerifiedAt: new Date(),
    })
    .returning({ id: schema.users.id });
  if (!user) throw new Error('user insert failed');
  await db.insert(schema.notificationPreferences).values({ userId: user.id });
  if (role === 'postier') await db.insert(schema.postierProfiles).values({ userId: user.id });
  const token = app.signAccessToken({ sub: user.id, role });
  return { id: user.id, email, role, token, auth: { authorization: `Bearer ${token}` } };
}

/** A valid SIRET (Luhn) built from a seed number. */
export function validSiret(seed: number): string {
  const base = String(seed).padStart(13, '0').slice(-13);
  for (let check = 0; check < 10; check++) {
    const candidate = `${base}${check}`;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let d = Number(candidate[13 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

export function randomRna(): string {
  return `W${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
}
