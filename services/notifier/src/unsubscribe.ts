import { createHmac } from 'node:crypto';
import type { DbOrTx } from '@passerelle/db';
import { hashToken, schema, TOKEN_LIFETIME_MS } from '@passerelle/db';
import { sql } from 'drizzle-orm';

/**
 * The unsubscribe token of a user is derived from the signing secret and the user id, so every
 * optional email carries the same link and `email_tokens` keeps one row per user instead of one per
 * email (a weekly digest for 230,000 postiers would otherwise add 12 million rows a year). Only the
 * hash is stored, as for the other email tokens; bumping the version retires every link at once.
 */
const VERSION = 'passerelle/unsubscribe/v1';

export function unsubscribeToken(secret: string, userId: string): string {
  const key = createHmac('sha256', secret).update(VERSION).digest();
  return createHmac('sha256', key).update(userId).digest('base64url');
}

/** Makes sure the user's token is known and valid for another year; returns the link for List-Unsubscribe. */
export async function unsubscribeUrl(
  db: DbOrTx,
  options: { secret: string; publicUrl: string; userId: string; now?: Date },
): Promise<string> {
  const token = unsubscribeToken(options.secret, options.userId);
  const expiresAt = new Date((options.now ?? new Date()).getTime() + TOKEN_LIFETIME_MS.unsubscribe);
  await db
    .insert(schema.emailTokens)
    .values({ userId: options.userId, purpose: 'unsubscribe', tokenHash: hashToken(token), expiresAt })
    .onConflictDoUpdate({
      target: schema.emailTokens.tokenHash,
      set: { expiresAt: sql`excluded.expires_at` },
    });
  return `${options.publicUrl.replace(/\/+$/, '')}/api/v1/unsubscribe?token=${encodeURIComponent(token)}`;
}
