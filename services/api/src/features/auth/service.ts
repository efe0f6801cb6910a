import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { consumeEmailToken, type Database, type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import type { Role } from '@passerelle/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import passwordList from 'fxa-common-password-list';
import { AppError, unprocessable } from '../../lib/errors';
import { hashPassword, verifyPassword } from './passwords';

const { users, refreshTokens, postierProfiles, notificationPreferences } = schema;

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  return passwordList.test(password) || passwordList.test(lower) || /^(.)\1+$/.test(password);
}

export async function registerUser(
  db: Database,
  input: {
    email: string;
    password: string;
    firstName: string;
    lastName: string;
    role: Extract<Role, 'postier' | 'association'>;
  },
  allowedPostierDomains: string[],
) {
  const domain = input.email.split('@')[1] ?? '';
  if (input.role === 'postier' && !allowedPostierDomains.includes(domain)) {
    throw unprocessable(
      'EMAIL_DOMAIN_NOT_ALLOWED',
      'body.email',
      `A postier registers with a professional address (${allowedPostierDomains.map((d) => `@${d}`).join(', ')})`,
    );
  }
  if (isCommonPassword(input.password)) {
    throw unprocessable(
      'PASSWORD_TOO_COMMON',
      'body.password',
      'This password is among the most common ones: choose another',
    );
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        passwordHash,
        firstName: input.firstName,
        lastName: input.lastName,
        role: input.role,
      })
      .onConflictDoNothing()
      .returning({ id: users.id, email: users.email, role: users.role });
    if (!user) {
      throw new AppError('EMAIL_TAKEN', 409, 'Conflict', 'An account already exists with this email', [
        { field: 'body.email', message: 'already registered' },
      ]);
    }
    await tx.insert(notificationPreferences).values({ userId: user.id });
    if (input.role === 'postier') await tx.insert(postierProfiles).values({ userId: user.id });
    await writeOutbox(tx, 'user.registered', { userId: user.id });
    return { id: user.id, email: user.email, role: user.role as Role };
  });
}

export async function verifyEmail(db: Database, token: string) {
  return db.transaction(async (tx) => {
    const userId = await consumeEmailToken(tx, token, 'verify_email');
    if (!userId) throw invalidToken();
    await tx
      .update(users)
      .set({ emailVerifiedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, userId));
    return userId;
  });
}

export const invalidToken = () =>
  new AppError('TOKEN_INVALID', 400, 'Bad Request', 'This link is invalid, expired or already used', [
    { field: 'body.token', message: 'invalid, expired or already used' },
  ]);

export const badCredentials = () =>
  new AppError('BAD_CREDENTIALS', 401, 'Unauthorized', 'Wrong email or password');

export async function checkCredentials(db: Database, email: string, password: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) throw badCredentials();
  if (user.status !== 'active')
    throw new AppError('ACCOUNT_DISABLED', 403, 'Forbidden', 'This account is disabled');
  await db
    .update(users)
    .set({ lastLoginAt: new Date(), lastActiveAt: new Date(), inactivityRemindersSent: 0 })
    .where(eq(users.id, user.id));
  return user;
}

/** A new refresh token; `familyId` is kept across rotations so a replay can revoke them all. */
export async function issueRefreshToken(db: Database, userId: string, familyId: string = randomUUID()) {
  const token = randomBytes(32).toString('base64url');
  await db.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
  });
  return token;
}

/**
 * Rotation: the presented token is spent and a new one of the same family is issued.
 * A token presented after it was rotated is a replay (stolen or raced): the family dies.
 */
export async function rotateRefreshToken(db: Database, token: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256(token)))
      .for('update')
      .limit(1);
    if (!row) return { kind: 'invalid' as const };
    if (row.rotatedAt || row.revokedAt) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
      return { kind: 'reused' as const };
    }
    if (row.expiresAt.getTime() < Date.now()) return { kind: 'invalid' as const };
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId)).limit(1);
    if (user?.status !== 'active') {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: new Date() })
        .where(eq(refreshTokens.familyId, row.familyId));
      return { kind: 'invalid' as const };
    }
    await tx.update(refreshTokens).set({ rotatedAt: new Date() }).where(eq(refreshTokens.id, row.id));
    const next = randomBytes(32).toString('base64url');
    await tx.insert(refreshTokens).values({
      userId: row.userId,
      familyId: row.familyId,
      tokenHash: sha256(next),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
    });
    await tx.update(users).set({ lastActiveAt: new Date() }).where(eq(users.id, user.id));
    return { kind: 'ok' as const, token: next, user };
  });
}

export async function revokeRefreshFamily(db: Database, token: string) {
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, sha256(token)))
    .limit(1);
  if (!row) return;
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
}

export async function revokeAllSessions(db: DbOrTx, userId: string) {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

/** The first admin, from ADMIN_EMAIL / ADMIN_PASSWORD, created at start if absent. */
export async function ensureAdmin(db: Database, email: string, password: string) {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  if (existing) return existing.id;
  const [created] = await db
    .insert(users)
    .values({
      email: email.toLowerCase(),
      passwordHash: await hashPassword(password),
      role: 'admin',
      firstName: 'Administration',
      lastName: 'Alliance Dynamique',
      emailVerifiedAt: new Date(),
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (created) await db.insert(notificationPreferences).values({ userId: created.id }).onConflictDoNothing();
  return created?.id;
}
