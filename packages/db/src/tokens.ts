import { createHash, randomBytes } from 'node:crypto';
import type { TokenPurpose } from '@passerelle/domain';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { emailTokens } from './schema/index';

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 7 * 24 * 3600_000,
  password_reset: 3600_000,
  hr_invitation: 7 * 24 * 3600_000,
  unsubscribe: 365 * 24 * 3600_000,
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Tokens are made where the email is rendered (the notifier), never carried in a job:
 * only their hash is stored, so the database alone cannot be used to take over an account.
 */
export async function issueEmailToken(
  db: DbOrTx,
  userId: string,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
  });
  return token;
}

/** Marks the token used and returns its user, or undefined when unknown, used or expired. */
export async function consumeEmailToken(db: DbOrTx, token: string, purpose: TokenPurpose, now = new Date()) {
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning({ userId: emailTokens.userId });
  return row?.userId;
}
