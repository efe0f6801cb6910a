import { and, eq, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../client';
import { writeOutbox } from '../outbox';
import {
  applications,
  associationMembers,
  auditLog,
  emailTokens,
  hrScopes,
  matches,
  notificationPreferences,
  postierDomains,
  postierProfiles,
  postierSkills,
  refreshTokens,
  solicitations,
  timeEntries,
  users,
} from '../schema/index';

const DAY_MS = 24 * 3600_000;
export const INACTIVITY_YEARS = 3;
export const FIRST_REMINDER_DAYS_BEFORE = 60;
export const SECOND_REMINDER_DAYS_BEFORE = 30;

/** The moment an account last active at `lastActiveAt` becomes erasable: 3 calendar years later. */
export function inactivityErasureDate(lastActiveAt: Date): Date {
  const at = new Date(lastActiveAt.getTime());
  at.setUTCFullYear(at.getUTCFullYear() + INACTIVITY_YEARS);
  return at;
}

export type InactivityStep =
  | { kind: 'none' }
  | { kind: 'reset' }
  | { kind: 'remind'; reminderNumber: 1 | 2 }
  | { kind: 'erase' };

/**
 * What the purge does to one account (pure): first reminder from 3 years − 60 days of inactivity,
 * second from 3 years − 30 days once the first was sent, erasure from 3 years once both were sent.
 * An account active again (before the first reminder's date) with reminders counted is reset.
 * Reminders are never skipped: a late run sends the next one, and erasure waits for both.
 */
export function inactivityStep(input: {
  lastActiveAt: Date;
  remindersSent: number;
  now: Date;
}): InactivityStep {
  const erasure = inactivityErasureDate(input.lastActiveAt).getTime();
  const now = input.now.getTime();
  if (now < erasure - FIRST_REMINDER_DAYS_BEFORE * DAY_MS) {
    return input.remindersSent > 0 ? { kind: 'reset' } : { kind: 'none' };
  }
  if (input.remindersSent <= 0) return { kind: 'remind', reminderNumber: 1 };
  if (input.remindersSent === 1) {
    return now >= erasure - SECOND_REMINDER_DAYS_BEFORE * DAY_MS
      ? { kind: 'remind', reminderNumber: 2 }
      : { kind: 'none' };
  }
  return now >= erasure ? { kind: 'erase' } : { kind: 'none' };
}

/**
 * Erasure (RGPD art. 17), inside the caller's transaction. Personal fields go: the email becomes
 * `erased-<id>@invalid`, the names "Compte supprimé", the password hash null, texts written by or
 * about the person are emptied, skills, domains, preferences, matches, tokens and memberships
 * deleted, every session revoked. The user row and the time entries stay, anonymised, for the
 * legal record of the hours; the profile keeps only the business unit and work commune, which
 * attribute those hours to a legal entity and a région. Returns false when there is no such user.
 */
export async function eraseAccount(
  tx: DbOrTx,
  userId: string,
  options: { now: Date; actorUserId: string | null; reason: 'request' | 'inactivity' },
): Promise<boolean> {
  const { now } = options;
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  if (!user) return false;
  await tx
    .update(users)
    .set({
      email: `erased-${userId}@invalid`,
      firstName: 'Compte supprimé',
      lastName: 'Compte supprimé',
      passwordHash: null,
      status: 'erased',
      emailVerifiedAt: null,
      lastLoginAt: null,
      erasedAt: now,
      updatedAt: now,
    })
    .where(eq(users.id, userId));
  await tx
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  await tx.delete(emailTokens).where(eq(emailTokens.userId, userId));
  await tx.delete(postierSkills).where(eq(postierSkills.userId, userId));
  await tx.delete(postierDomains).where(eq(postierDomains.userId, userId));
  await tx.delete(matches).where(eq(matches.postierId, userId));
  await tx.delete(solicitations).where(eq(solicitations.postierId, userId));
  await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  await tx.delete(associationMembers).where(eq(associationMembers.userId, userId));
  await tx.delete(hrScopes).where(eq(hrScopes.userId, userId));
  await tx
    .update(postierProfiles)
    .set({
      mobilityRadiusKm: 0,
      remoteOk: false,
      availableFrom: null,
      availableTo: null,
      matchingOptIn: false,
      lastSolicitedAt: null,
      updatedAt: now,
    })
    .where(eq(postierProfiles.userId, userId));
  await tx
    .update(applications)
    .set({ motivation: '', hrComment: null, updatedAt: now })
    .where(eq(applications.postierId, userId));
  await tx
    .update(timeEntries)
    .set({ note: '', updatedAt: now })
    .where(
      sql`${timeEntries.applicationId} in (select ${applications.id} from ${applications} where ${applications.postierId} = ${userId})`,
    );
  await tx.insert(auditLog).values({
    actorUserId: options.actorUserId,
    action: 'user.erased',
    entityType: 'user',
    entityId: userId,
    details: options.reason === 'request' ? {} : { reason: options.reason },
  });
  await writeOutbox(tx, 'user.erased', { userId });
  return true;
}

export interface PurgeResult {
  reminded: { userId: string; reminderNumber: 1 | 2 }[];
  erased: string[];
  reset: string[];
}

/**
 * The daily inactivity purge: accounts not active for 3 years get two reminders
 * (`account.inactivity_reminder {userId, reminderNumber}`, at 3 years − 60 and − 30 days, counted
 * in users.inactivity_reminders_sent), then are erased. Each account in its own transaction,
 * row-locked and re-checked, so a run is idempotent and safe beside a login that refreshes
 * last_active_at. `now` is given by the caller (this package reads no clock).
 */
export async function purgeInactiveAccounts(db: Database, now: Date, batchSize = 1000): Promise<PurgeResult> {
  const result: PurgeResult = { reminded: [], erased: [], reset: [] };
  const firstReminderCutoff = new Date(now.getTime() + FIRST_REMINDER_DAYS_BEFORE * DAY_MS);
  firstReminderCutoff.setUTCFullYear(firstReminderCutoff.getUTCFullYear() - INACTIVITY_YEARS);
  const due = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        ne(users.status, 'erased'),
        sql`(${lte(users.lastActiveAt, firstReminderCutoff)} or ${users.inactivityRemindersSent} > 0)`,
      ),
    )
    .orderBy(users.lastActiveAt)
    .limit(batchSize);
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [user] = await tx
        .select({
          id: users.id,
          status: users.status,
          lastActiveAt: users.lastActiveAt,
          remindersSent: users.inactivityRemindersSent,
        })
        .from(users)
        .where(eq(users.id, id))
        .for('update');
      if (!user || user.status === 'erased') return;
      const step = inactivityStep({
        lastActiveAt: user.lastActiveAt,
        remindersSent: user.remindersSent,
        now,
      });
      if (step.kind === 'reset') {
        await tx.update(users).set({ inactivityRemindersSent: 0 }).where(eq(users.id, id));
        result.reset.push(id);
      } else if (step.kind === 'remind') {
        await tx.update(users).set({ inactivityRemindersSent: step.reminderNumber }).where(eq(users.id, id));
        await writeOutbox(tx, 'account.inactivity_reminder', {
          userId: id,
          reminderNumber: step.reminderNumber,
        });
        result.reminded.push({ userId: id, reminderNumber: step.reminderNumber });
      } else if (step.kind === 'erase') {
        await eraseAccount(tx, id, { now, actorUserId: null, reason: 'inactivity' });
        result.erased.push(id);
      }
    });
  }
  return result;
}
