import { type Database, schema } from '@passerelle/db';
import { NOTIFICATION_FREQUENCIES, type NotificationFrequency } from '@passerelle/domain';
import { and, eq, inArray } from 'drizzle-orm';

const { users, notificationPreferences, associationMembers } = schema;

export interface Recipient {
  userId: string;
  email: string;
  firstName: string;
  role: string;
  recommendations: NotificationFrequency;
  activity: NotificationFrequency;
}

// The defaults of the notification_preferences columns, for a user who has no row yet.
const DEFAULT_RECOMMENDATIONS: NotificationFrequency = 'weekly';
const DEFAULT_ACTIVITY: NotificationFrequency = 'immediate';

function frequency(value: string | null, fallback: NotificationFrequency): NotificationFrequency {
  return (NOTIFICATION_FREQUENCIES as readonly string[]).includes(value ?? '')
    ? (value as NotificationFrequency)
    : fallback;
}

/** Active users among the ids, with their preferences; disabled and erased accounts get nothing. */
export async function loadRecipients(db: Database, userIds: readonly string[]): Promise<Recipient[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      firstName: users.firstName,
      role: users.role,
      recommendations: notificationPreferences.recommendations,
      activity: notificationPreferences.activity,
    })
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(and(inArray(users.id, ids), eq(users.status, 'active')));
  const byId = new Map(
    rows.map((row) => [
      row.userId,
      {
        ...row,
        recommendations: frequency(row.recommendations, DEFAULT_RECOMMENDATIONS),
        activity: frequency(row.activity, DEFAULT_ACTIVITY),
      },
    ]),
  );
  // Keep the caller's order: deterministic sending order makes logs and tests readable.
  return ids.flatMap((id) => {
    const recipient = byId.get(id);
    return recipient ? [recipient] : [];
  });
}

export async function associationMemberIds(db: Database, associationId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: associationMembers.userId })
    .from(associationMembers)
    .where(eq(associationMembers.associationId, associationId))
    .orderBy(associationMembers.createdAt, associationMembers.userId);
  return rows.map((row) => row.userId);
}

export async function adminIds(db: Database): Promise<string[]> {
  const rows = await db
    .select({ userId: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.status, 'active')))
    .orderBy(users.createdAt, users.id);
  return rows.map((row) => row.userId);
}
