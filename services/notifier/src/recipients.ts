import { type Database, schema } from '@passerelle/db';
import type { NotificationFrequency } from '@passerelle/domain';
import { and, eq } from 'drizzle-orm';

const { users, associationMembers } = schema;

export interface Recipient {
  userId: string;
  email: string;
  firstName: string;
  role: string;
  emailVerified: boolean;
  recommendations: NotificationFrequency;
  activity: NotificationFrequency;
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
