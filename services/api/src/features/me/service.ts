import { type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import type { Role } from '@passerelle/domain';
import { asc, eq } from 'drizzle-orm';
import { AppError, unauthorized, unprocessable } from '../../lib/errors';
import { memberAssociationId } from '../associations/service';
import { assertBusinessUnitExists, assertCodesExist, assertCommuneExists } from '../reference/checks';
import { type MeResponse, type PostierProfile, PROFILE_FIELDS, type UpdateMeInput } from './schemas';

const { users, postierProfiles, postierSkills, postierDomains, communes } = schema;

async function loadProfile(db: DbOrTx, userId: string): Promise<PostierProfile | null> {
  const [profile] = await db
    .select({
      businessUnitId: postierProfiles.businessUnitId,
      communeCode: postierProfiles.communeCode,
      communeName: communes.name,
      mobilityRadiusKm: postierProfiles.mobilityRadiusKm,
      remoteOk: postierProfiles.remoteOk,
      availableFrom: postierProfiles.availableFrom,
      availableTo: postierProfiles.availableTo,
      matchingOptIn: postierProfiles.matchingOptIn,
    })
    .from(postierProfiles)
    .leftJoin(communes, eq(communes.code, postierProfiles.communeCode))
    .where(eq(postierProfiles.userId, userId));
  if (!profile) return null;
  const skills = await db
    .select({ code: postierSkills.skillCode, level: postierSkills.level })
    .from(postierSkills)
    .where(eq(postierSkills.userId, userId))
    .orderBy(asc(postierSkills.skillCode));
  const domains = await db
    .select({ code: postierDomains.domainCode })
    .from(postierDomains)
    .where(eq(postierDomains.userId, userId))
    .orderBy(asc(postierDomains.domainCode));
  return { ...profile, skills, domains: domains.map((d) => d.code) };
}

/** The caller's own account. A token outliving its account (disabled, erased) gets a 401. */
export async function getMe(db: DbOrTx, userId: string): Promise<MeResponse> {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      role: users.role,
      status: users.status,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (user?.status !== 'active') throw unauthorized('This account is no longer active');
  // The column's CHECK constraint holds it to ROLES.
  const role = user.role as Role;
  const emptyProfile: PostierProfile = {
    businessUnitId: null,
    communeCode: null,
    communeName: null,
    mobilityRadiusKm: 20,
    remoteOk: true,
    availableFrom: null,
    availableTo: null,
    matchingOptIn: false,
    skills: [],
    domains: [],
  };
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    role,
    emailVerified: user.emailVerifiedAt !== null,
    profile: role === 'postier' ? ((await loadProfile(db, user.id)) ?? emptyProfile) : null,
    associationId: role === 'association' ? ((await memberAssociationId(db, user.id)) ?? null) : null,
  };
}

/**
 * Edits the caller's names and, for a postier, the matching profile. Skills and domains replace
 * the whole list. A profile change writes `profile.updated` in the same transaction, so the matcher
 * re-ranks the postier's missions exactly when the change is committed.
 */
export async function updateMe(db: DbOrTx, userId: string, role: Role, input: UpdateMeInput): Promise<void> {
  const profileFields = PROFILE_FIELDS.filter((field) => input[field] !== undefined);
  if (role !== 'postier' && profileFields.length > 0) {
    throw new AppError(
      'PROFILE_NOT_ALLOWED',
      403,
      'Forbidden',
      'Only a postier has a matching profile: this account can change its names only',
      profileFields.map((field) => ({ field: `body.${field}`, message: 'postier profile only' })),
    );
  }
  await db.transaction(async (tx) => {
    const names: { firstName?: string; lastName?: string } = {};
    if (input.firstName !== undefined) names.firstName = input.firstName;
    if (input.lastName !== undefined) names.lastName = input.lastName;
    const [user] = await tx
      .update(users)
      .set({ ...names, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({ status: users.status });
    if (user?.status !== 'active') throw unauthorized('This account is no longer active');
    if (profileFields.length === 0) return;

    // Registration creates the row; an account created another way may lack it.
    await tx.insert(postierProfiles).values({ userId }).onConflictDoNothing();
    // Locked: two edits of the dates at once must not combine into availableFrom > availableTo.
    const [current] = await tx
      .select({ availableFrom: postierProfiles.availableFrom, availableTo: postierProfiles.availableTo })
      .from(postierProfiles)
      .where(eq(postierProfiles.userId, userId))
      .for('update');
    const from = input.availableFrom === undefined ? (current?.availableFrom ?? null) : input.availableFrom;
    const to = input.availableTo === undefined ? (current?.availableTo ?? null) : input.availableTo;
    if (from !== null && to !== null && from > to) {
      throw unprocessable(
        'AVAILABILITY_INVERTED',
        input.availableTo !== undefined ? 'body.availableTo' : 'body.availableFrom',
        `Availability ends (${to}) before it starts (${from})`,
      );
    }
    if (input.businessUnitId) await assertBusinessUnitExists(tx, input.businessUnitId, 'body.businessUnitId');
    if (input.communeCode) await assertCommuneExists(tx, input.communeCode, 'body.communeCode');
    if (input.skills) {
      await assertCodesExist(
        tx,
        'skill',
        input.skills.map((s) => s.code),
        (i) => `body.skills.${i}.code`,
      );
    }
    if (input.domains) await assertCodesExist(tx, 'domain', input.domains, (i) => `body.domains.${i}`);

    await tx
      .update(postierProfiles)
      .set({
        businessUnitId: input.businessUnitId,
        communeCode: input.communeCode,
        mobilityRadiusKm: input.mobilityRadiusKm,
        remoteOk: input.remoteOk,
        availableFrom: input.availableFrom,
        availableTo: input.availableTo,
        matchingOptIn: input.matchingOptIn,
        updatedAt: new Date(),
      })
      .where(eq(postierProfiles.userId, userId));
    if (input.skills) {
      await tx.delete(postierSkills).where(eq(postierSkills.userId, userId));
      if (input.skills.length > 0) {
        await tx
          .insert(postierSkills)
          .values(input.skills.map((s) => ({ userId, skillCode: s.code, level: s.level })));
      }
    }
    if (input.domains) {
      await tx.delete(postierDomains).where(eq(postierDomains.userId, userId));
      if (input.domains.length > 0) {
        await tx.insert(postierDomains).values(input.domains.map((domainCode) => ({ userId, domainCode })));
      }
    }
    await writeOutbox(tx, 'profile.updated', { postierId: userId });
  });
}
