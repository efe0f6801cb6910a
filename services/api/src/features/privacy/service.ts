import { type Database, type DbOrTx, eraseAccount, schema } from '@passerelle/db';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { notFound } from '../../lib/errors';

const {
  users,
  postierProfiles,
  postierSkills,
  postierDomains,
  applications,
  missions,
  associations,
  associationMembers,
  timeEntries,
  notificationPreferences,
  auditLog,
  hrScopes,
} = schema;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Everything held about the caller (RGPD art. 15 and 20), as plain JSON. */
export async function exportMyData(db: DbOrTx, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('User');
  const [profile] = await db.select().from(postierProfiles).where(eq(postierProfiles.userId, userId));
  const skills = await db
    .select({ code: postierSkills.skillCode, level: postierSkills.level })
    .from(postierSkills)
    .where(eq(postierSkills.userId, userId))
    .orderBy(asc(postierSkills.skillCode));
  const domains = await db
    .select({ code: postierDomains.domainCode })
    .from(postierDomains)
    .where(eq(postierDomains.userId, userId));
  const apps = await db
    .select({
      id: applications.id,
      missionId: applications.missionId,
      missionTitle: missions.title,
      associationName: associations.name,
      motivation: applications.motivation,
      status: applications.status,
      decisionReason: applications.decisionReason,
      hrStatus: applications.hrStatus,
      hrComment: applications.hrComment,
      createdAt: applications.createdAt,
    })
    .from(applications)
    .innerJoin(missions, eq(missions.id, applications.missionId))
    .innerJoin(associations, eq(associations.id, missions.associationId))
    .where(eq(applications.postierId, userId))
    .orderBy(asc(applications.createdAt));
  const entries = await db
    .select({
      id: timeEntries.id,
      applicationId: timeEntries.applicationId,
      date: timeEntries.date,
      hours: timeEntries.hours,
      note: timeEntries.note,
      status: timeEntries.status,
      rejectionReason: timeEntries.rejectionReason,
      createdAt: timeEntries.createdAt,
    })
    .from(timeEntries)
    .innerJoin(applications, eq(applications.id, timeEntries.applicationId))
    .where(eq(applications.postierId, userId))
    .orderBy(asc(timeEntries.date));
  const [preferences] = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const membership = await db
    .select({ associationId: associationMembers.associationId, since: associationMembers.createdAt })
    .from(associationMembers)
    .where(eq(associationMembers.userId, userId));
  const scopes = await db
    .select({ businessUnitId: hrScopes.businessUnitId, regionCode: hrScopes.regionCode })
    .from(hrScopes)
    .where(eq(hrScopes.userId, userId));
  const applicationIds = apps.map((a) => a.id);
  const entryIds = entries.map((e) => e.id);
  const audit = await db
    .select()
    .from(auditLog)
    .where(
      or(
        eq(auditLog.actorUserId, userId),
        and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, userId)),
        applicationIds.length
          ? and(eq(auditLog.entityType, 'application'), inArray(auditLog.entityId, applicationIds))
          : undefined,
        entryIds.length
          ? and(eq(auditLog.entityType, 'time_entry'), inArray(auditLog.entityId, entryIds))
          : undefined,
      ),
    )
    .orderBy(asc(auditLog.createdAt));

  return {
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      role: user.role,
      status: user.status,
      emailVerifiedAt: iso(user.emailVerifiedAt),
      lastLoginAt: iso(user.lastLoginAt),
      lastActiveAt: iso(user.lastActiveAt),
      createdAt: iso(user.createdAt),
    },
    profile: profile
      ? {
          businessUnitId: profile.businessUnitId,
          communeCode: profile.communeCode,
          mobilityRadiusKm: profile.mobilityRadiusKm,
          remoteOk: profile.remoteOk,
          availableFrom: profile.availableFrom,
          availableTo: profile.availableTo,
          matchingOptIn: profile.matchingOptIn,
          yearlyQuotaHours: profile.yearlyQuotaHours,
          lastSolicitedAt: iso(profile.lastSolicitedAt),
        }
      : null,
    skills,
    domains: domains.map((d) => d.code),
    associationMemberships: membership.map((m) => ({ associationId: m.associationId, since: iso(m.since) })),
    hrScopes: scopes,
    applications: apps.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
    timeEntries: entries.map((e) => ({ ...e, hours: Number(e.hours), createdAt: iso(e.createdAt) })),
    notificationPreferences: preferences
      ? {
          recommendations: preferences.recommendations,
          activity: preferences.activity,
          lastDigestAt: iso(preferences.lastDigestAt),
        }
      : null,
    auditLog: audit.map((a) => ({
      id: a.id,
      action: a.action,
      entityType: a.entityType,
      entityId: a.entityId,
      byMe: a.actorUserId === userId,
      details: a.details,
      createdAt: iso(a.createdAt),
    })),
  };
}

/**
 * Erasure (RGPD art. 17) at the user's request: `eraseAccount` (packages/db, shared with the
 * inactivity purge) in one transaction. Personal fields go, sessions are revoked, the validated
 * hours stay anonymised for the legal record.
 */
export async function eraseMe(db: Database, userId: string) {
  await db.transaction(async (tx) => {
    const erased = await eraseAccount(tx, userId, {
      now: new Date(),
      actorUserId: userId,
      reason: 'request',
    });
    if (!erased) throw notFound('User');
  });
}
