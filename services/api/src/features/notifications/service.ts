import { type Database, hashToken, schema } from '@passerelle/db';
import type { NotificationFrequency } from '@passerelle/domain';
import { and, eq, gt } from 'drizzle-orm';
import { AppError } from '../../lib/errors';
import type { PreferencesResponse } from './schemas';

const { notificationPreferences, emailTokens } = schema;

function toResponse(row: {
  recommendations: string;
  activity: string;
  lastDigestAt: Date | null;
}): PreferencesResponse {
  return {
    // The columns' CHECK constraints hold them to NOTIFICATION_FREQUENCIES.
    recommendations: row.recommendations as NotificationFrequency,
    activity: row.activity as NotificationFrequency,
    lastDigestAt: row.lastDigestAt?.toISOString() ?? null,
  };
}

const columns = {
  recommendations: notificationPreferences.recommendations,
  activity: notificationPreferences.activity,
  lastDigestAt: notificationPreferences.lastDigestAt,
};

/** Every account gets its row at registration; one created otherwise (an admin, a seed) gets it here. */
export async function getPreferences(db: Database, userId: string): Promise<PreferencesResponse> {
  const [existing] = await db
    .select(columns)
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  if (existing) return toResponse(existing);
  const [created] = await db
    .insert(notificationPreferences)
    .values({ userId })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { userId } })
    .returning(columns);
  if (!created) throw new Error('notification preferences upsert returned no row');
  return toResponse(created);
}

export async function setPreferences(
  db: Database,
  userId: string,
  input: { recommendations: NotificationFrequency; activity: NotificationFrequency },
): Promise<PreferencesResponse> {
  const [row] = await db
    .insert(notificationPreferences)
    .values({ userId, ...input })
    .onConflictDoUpdate({
      target: notificationPreferences.userId,
      set: { ...input, updatedAt: new Date() },
    })
    .returning(columns);
  if (!row) throw new Error('notification preferences upsert returned no row');
  return toResponse(row);
}

export const invalidUnsubscribeToken = (field: string) =>
  new AppError('TOKEN_INVALID', 400, 'Bad Request', 'This unsubscribe link is invalid or expired', [
    { field, message: 'invalid or expired' },
  ]);

/**
 * Unsubscribe tokens are reusable (a person may click twice, a provider may POST twice), so they are
 * looked up, never marked used; they expire a year after the last optional email renewed them.
 * Returns false when the token is unknown or expired.
 */
export async function unsubscribe(db: Database, token: string, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ userId: emailTokens.userId })
      .from(emailTokens)
      .where(
        and(
          eq(emailTokens.tokenHash, hashToken(token)),
          eq(emailTokens.purpose, 'unsubscribe'),
          gt(emailTokens.expiresAt, now),
        ),
      );
    if (!row) return false;
    await tx
      .insert(notificationPreferences)
      .values({ userId: row.userId, recommendations: 'never' })
      .onConflictDoUpdate({
        target: notificationPreferences.userId,
        set: { recommendations: 'never', updatedAt: now },
      });
    return true;
  });
}
