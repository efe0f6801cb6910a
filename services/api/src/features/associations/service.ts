import { type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import {
  isValidRna,
  isValidSiret,
  type LabelStatus,
  MISSION_STATUSES,
  type MissionMode,
  type MissionStatus,
  type Role,
} from '@passerelle/domain';
import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { AppError, conflict, notFound, unprocessable } from '../../lib/errors';
import { after, decodeCursor, micros, toPage } from '../../lib/pagination';
import { assertCodesExist, assertCommuneExists } from '../reference/checks';
import type { AssociationResponse, CreateAssociationInput, UpdateAssociationInput } from './schemas';

const { associations, associationDomains, associationMembers, communes, missions, users } = schema;

/** Who is asking: undefined for an anonymous visitor. */
export type Viewer = { userId: string; role: Role } | undefined;

/** What a viewer may see of an association: its members and admins see its label file. */
export type Access = 'member' | 'admin' | 'public';

/** The association a user belongs to, if any (one at most: a unique index says so). */
export async function memberAssociationId(db: DbOrTx, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ associationId: associationMembers.associationId })
    .from(associationMembers)
    .where(eq(associationMembers.userId, userId));
  return row?.associationId;
}

export async function isMember(db: DbOrTx, associationId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: associationMembers.userId })
    .from(associationMembers)
    .where(and(eq(associationMembers.associationId, associationId), eq(associationMembers.userId, userId)));
  return row !== undefined;
}

export async function accessOf(db: DbOrTx, associationId: string, viewer: Viewer): Promise<Access> {
  if (!viewer) return 'public';
  if (viewer.role === 'admin') return 'admin';
  if (viewer.role === 'association' && (await isMember(db, associationId, viewer.userId))) return 'member';
  return 'public';
}

/** Only a labelled association is shown to the public; pending, rejected and suspended ones are not. */
const publiclyVisible = (status: string) => status === 'labelled';

/** The association's domain codes, sorted, as a subquery of a select over `associations`. */
export const domainCodes = sql<
  string[]
>`coalesce((select array_agg(ad.domain_code order by ad.domain_code) from ${associationDomains} ad where ad.association_id = ${associations.id}), '{}')`;

/** The association with its commune and domains, as every view needs it. */
export async function loadAssociation(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      id: associations.id,
      name: associations.name,
      rna: associations.rna,
      siret: associations.siret,
      description: associations.description,
      communeCode: associations.communeCode,
      communeName: communes.name,
      departementCode: communes.departementCode,
      regionCode: communes.regionCode,
      domains: domainCodes,
      labelStatus: associations.labelStatus,
      labelReason: associations.labelReason,
      labelDecidedAt: associations.labelDecidedAt,
      createdAt: associations.createdAt,
    })
    .from(associations)
    .innerJoin(communes, eq(communes.code, associations.communeCode))
    .where(eq(associations.id, id));
  return row;
}
export type AssociationRow = NonNullable<Awaited<ReturnType<typeof loadAssociation>>>;

export function toAssociationResponse(row: AssociationRow, access: Access): AssociationResponse {
  const view: AssociationResponse = {
    id: row.id,
    name: row.name,
    rna: row.rna,
    siret: row.siret,
    description: row.description,
    communeCode: row.communeCode,
    communeName: row.communeName,
    departementCode: row.departementCode,
    regionCode: row.regionCode,
    domains: row.domains,
    createdAt: row.createdAt.toISOString(),
  };
  if (access === 'public') return view;
  return {
    ...view,
    // The column's CHECK constraint holds it to LABEL_STATUSES.
    labelStatus: row.labelStatus as LabelStatus,
    labelReason: row.labelReason,
    labelDecidedAt: row.labelDecidedAt ? row.labelDecidedAt.toISOString() : null,
  };
}

export async function getAssociation(db: DbOrTx, id: string, viewer: Viewer): Promise<AssociationResponse> {
  const row = await loadAssociation(db, id);
  if (!row) throw notFound('Association');
  const access = await accessOf(db, id, viewer);
  // A hidden association answers exactly like a missing one: its existence is not public either.
  if (access === 'public' && !publiclyVisible(row.labelStatus)) throw notFound('Association');
  return toAssociationResponse(row, access);
}

// --- identifiers -------------------------------------------------------------------------------

const blankToNull = (value: string | null | undefined) => (value ? value : null);

function assertIdentifierFormats(rna: string | null, siret: string | null) {
  if (rna !== null && !isValidRna(rna)) {
    throw unprocessable(
      'INVALID_RNA',
      'body.rna',
      'An RNA number is W followed by 9 digits, e.g. W751234567',
    );
  }
  if (siret !== null && !isValidSiret(siret)) {
    throw unprocessable(
      'INVALID_SIRET',
      'body.siret',
      'A SIRET is 14 digits with a valid check digit (Luhn)',
    );
  }
}

const alreadyRegistered = (field: 'rna' | 'siret') =>
  new AppError(
    'ASSOCIATION_ALREADY_REGISTERED',
    409,
    'Conflict',
    `An association is already registered with this ${field === 'rna' ? 'RNA number' : 'SIRET'}`,
    [{ field: `body.${field}`, message: 'already registered' }],
  );

async function assertIdentifiersFree(
  db: DbOrTx,
  identifiers: { rna: string | null; siret: string | null },
  exceptId?: string,
) {
  const others = (condition: SQL) =>
    db
      .select({ id: associations.id })
      .from(associations)
      .where(exceptId ? and(condition, sql`${associations.id} <> ${exceptId}`) : condition)
      .limit(1);
  if (identifiers.rna && (await others(eq(associations.rna, identifiers.rna))).length > 0)
    throw alreadyRegistered('rna');
  if (identifiers.siret && (await others(eq(associations.siret, identifiers.siret))).length > 0) {
    throw alreadyRegistered('siret');
  }
}

/** PostgreSQL's unique_violation, seen through drizzle's wrapping: the constraint's name, if any. */
function violatedUniqueConstraint(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && typeof current === 'object' && current !== null; depth++) {
    if (
      'code' in current &&
      current.code === '23505' &&
      'constraint' in current &&
      typeof current.constraint === 'string'
    ) {
      return current.constraint;
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

const alreadyMember = () => conflict('ALREADY_MEMBER', 'You are already a member of an association');

/**
 * Two requests racing past the checks meet the unique indexes instead: same answer as the checks
 * would have given, not a 500.
 */
async function mappingUniqueViolations<T>(work: () => Promise<T>, memberTaken = alreadyMember): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    if (constraint === 'associations_rna_idx') throw alreadyRegistered('rna');
    if (constraint === 'associations_siret_idx') throw alreadyRegistered('siret');
    if (
      constraint === 'association_members_user_idx' ||
      constraint === 'association_members_association_id_user_id_pk'
    )
      throw memberTaken();
    throw error;
  }
}

// --- verbs -------------------------------------------------------------------------------------

/**
 * An association account registers its association: created `pending`, the caller its first
 * member, and the admins told one is waiting (outbox `association.created`).
 */
export async function createAssociation(
  db: DbOrTx,
  actorId: string,
  input: CreateAssociationInput,
): Promise<string> {
  const rna = blankToNull(input.rna);
  const siret = blankToNull(input.siret);
  if (rna === null && siret === null) {
    throw unprocessable(
      'IDENTIFIER_REQUIRED',
      'body.rna',
      'Give the RNA number or the SIRET of the association (at least one)',
    );
  }
  assertIdentifierFormats(rna, siret);
  return mappingUniqueViolations(() =>
    db.transaction(async (tx) => {
      if (await memberAssociationId(tx, actorId)) throw alreadyMember();
      await assertCommuneExists(tx, input.communeCode, 'body.communeCode');
      await assertCodesExist(tx, 'domain', input.domains, (i) => `body.domains.${i}`);
      await assertIdentifiersFree(tx, { rna, siret });
      const [created] = await tx
        .insert(associations)
        .values({
          name: input.name,
          rna,
          siret,
          description: input.description,
          communeCode: input.communeCode,
          createdBy: actorId,
        })
        .returning({ id: associations.id });
      if (!created) throw new Error('association insert returned no row');
      await tx
        .insert(associationDomains)
        .values(input.domains.map((domainCode) => ({ associationId: created.id, domainCode })));
      await tx.insert(associationMembers).values({ associationId: created.id, userId: actorId });
      await writeOutbox(tx, 'association.created', { associationId: created.id });
      return created.id;
    }),
  );
}

/**
 * A member edits the association. The RNA and SIRET are what the Alliance Dynamique checked
 * before deciding: once decided they are fixed, or a labelled association could become another one.
 */
export async function updateAssociation(
  db: DbOrTx,
  actorId: string,
  associationId: string,
  input: UpdateAssociationInput,
): Promise<void> {
  await mappingUniqueViolations(() =>
    db.transaction(async (tx) => {
      const [current] = await tx
        .select({ rna: associations.rna, siret: associations.siret, labelStatus: associations.labelStatus })
        .from(associations)
        .where(eq(associations.id, associationId))
        .for('update');
      if (!current || !(await isMember(tx, associationId, actorId))) throw notFound('Association');

      const changes: Partial<typeof associations.$inferInsert> = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.description !== undefined) changes.description = input.description;

      const rna = input.rna === undefined ? current.rna : blankToNull(input.rna);
      const siret = input.siret === undefined ? current.siret : blankToNull(input.siret);
      const changed = (['rna', 'siret'] as const).filter((f) => (f === 'rna' ? rna : siret) !== current[f]);
      if (changed.length > 0) {
        if (current.labelStatus !== 'pending') {
          throw new AppError(
            'IDENTIFIERS_LOCKED',
            409,
            'Conflict',
            'The RNA number and SIRET cannot change once the Alliance Dynamique has decided on the label: contact your regional correspondent',
            changed.map((f) => ({ field: `body.${f}`, message: 'cannot change any more' })),
          );
        }
        if (rna === null && siret === null) {
          throw unprocessable(
            'IDENTIFIER_REQUIRED',
            `body.${changed[0] ?? 'rna'}`,
            'The association keeps an RNA number or a SIRET (at least one)',
          );
        }
        assertIdentifierFormats(
          changed.includes('rna') ? rna : null,
          changed.includes('siret') ? siret : null,
        );
        await assertIdentifiersFree(
          tx,
          { rna: changed.includes('rna') ? rna : null, siret: changed.includes('siret') ? siret : null },
          associationId,
        );
        changes.rna = rna;
        changes.siret = siret;
      }

      if (input.communeCode !== undefined) {
        await assertCommuneExists(tx, input.communeCode, 'body.communeCode');
        changes.communeCode = input.communeCode;
      }
      if (input.domains !== undefined) {
        await assertCodesExist(tx, 'domain', input.domains, (i) => `body.domains.${i}`);
        await tx.delete(associationDomains).where(eq(associationDomains.associationId, associationId));
        await tx
          .insert(associationDomains)
          .values(input.domains.map((domainCode) => ({ associationId, domainCode })));
      }
      await tx
        .update(associations)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(associations.id, associationId));
    }),
  );
}

const PUBLIC_MISSION_STATUSES: readonly MissionStatus[] = ['published', 'filled'];

/**
 * An association's missions. The public sees what is open or filled (of an association it may
 * see); its members and admins see everything, drafts and closed ones included.
 */
export async function listAssociationMissions(
  db: DbOrTx,
  associationId: string,
  viewer: Viewer,
  query: { limit: number; cursor?: string; status?: MissionStatus },
) {
  const position = query.cursor ? decodeCursor(query.cursor) : undefined;
  const [association] = await db
    .select({ labelStatus: associations.labelStatus })
    .from(associations)
    .where(eq(associations.id, associationId));
  if (!association) throw notFound('Association');
  const access = await accessOf(db, associationId, viewer);
  // A suspended association's missions stay readable (they may have participants); a pending or
  // rejected one has never published, and is not public.
  if (
    access === 'public' &&
    association.labelStatus !== 'labelled' &&
    association.labelStatus !== 'suspended'
  ) {
    throw notFound('Association');
  }
  const visible = access === 'public' ? PUBLIC_MISSION_STATUSES : MISSION_STATUSES;
  const statuses = query.status ? visible.filter((s) => s === query.status) : [...visible];
  if (statuses.length === 0) return { items: [], nextCursor: null, total: 0 };

  const filter = and(eq(missions.associationId, associationId), inArray(missions.status, statuses));
  const rows = await db
    .select({
      id: missions.id,
      title: missions.title,
      status: missions.status,
      domainCode: missions.domainCode,
      mode: missions.mode,
      communeCode: missions.communeCode,
      communeName: communes.name,
      startDate: missions.startDate,
      endDate: missions.endDate,
      hoursTotal: missions.hoursTotal,
      seats: missions.seats,
      publishedAt: missions.publishedAt,
      closedAt: missions.closedAt,
      createdAt: missions.createdAt,
      position: micros(missions.createdAt),
    })
    .from(missions)
    .leftJoin(communes, eq(communes.code, missions.communeCode))
    .where(position ? and(filter, after(missions.createdAt, missions.id, position, 'desc')) : filter)
    .orderBy(desc(missions.createdAt), desc(missions.id))
    .limit(query.limit + 1);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(missions).where(filter);
  const page = toPage(rows, query.limit);
  return {
    items: page.rows.map(({ position: _position, ...m }) => ({
      ...m,
      // CHECK constraints hold both columns to the domain's lists.
      status: m.status as MissionStatus,
      mode: m.mode as MissionMode,
      publishedAt: m.publishedAt ? m.publishedAt.toISOString() : null,
      closedAt: m.closedAt ? m.closedAt.toISOString() : null,
      createdAt: m.createdAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
    total,
  };
}

/**
 * A member adds a colleague who already has an association account and no association yet.
 * The colleague hears about it (outbox `association.member_added`).
 */
export async function addMember(db: DbOrTx, actorId: string, associationId: string, email: string) {
  return mappingUniqueViolations(
    () =>
      db.transaction(async (tx) => {
        if (!(await isMember(tx, associationId, actorId))) throw notFound('Association');
        const [user] = await tx
          .select({
            id: users.id,
            role: users.role,
            status: users.status,
            firstName: users.firstName,
            lastName: users.lastName,
            email: users.email,
          })
          .from(users)
          .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
        if (user?.status !== 'active') {
          throw unprocessable(
            'USER_NOT_FOUND',
            'body.email',
            'No active Passerelle account uses this email: your colleague first creates an association account',
          );
        }
        if (user.role !== 'association') {
          throw unprocessable(
            'NOT_AN_ASSOCIATION_ACCOUNT',
            'body.email',
            'Only an association account can become a member of an association',
          );
        }
        const current = await memberAssociationId(tx, user.id);
        if (current === associationId) {
          throw new AppError(
            'ALREADY_MEMBER',
            409,
            'Conflict',
            'This person is already a member of your association',
            [{ field: 'body.email', message: 'already a member' }],
          );
        }
        if (current) {
          throw new AppError(
            'MEMBER_OF_ANOTHER_ASSOCIATION',
            409,
            'Conflict',
            'This person is already a member of another association',
            [{ field: 'body.email', message: 'member of another association' }],
          );
        }
        const [member] = await tx
          .insert(associationMembers)
          .values({ associationId, userId: user.id })
          .returning({ createdAt: associationMembers.createdAt });
        if (!member) throw new Error('member insert returned no row');
        await writeOutbox(tx, 'association.member_added', {
          associationId,
          userId: user.id,
          addedBy: actorId,
        });
        return {
          id: user.id,
          firstName: user.firstName,
          lastName: user.lastName,
          email: user.email,
          memberSince: member.createdAt.toISOString(),
        };
      }),
    () => conflict('MEMBER_OF_ANOTHER_ASSOCIATION', 'This person is already a member of an association'),
  );
}

/** The members of an association, for its members and admins only. */
export async function listMembers(db: DbOrTx, associationId: string, viewer: Viewer) {
  const [exists] = await db
    .select({ id: associations.id })
    .from(associations)
    .where(eq(associations.id, associationId));
  if (!exists || (await accessOf(db, associationId, viewer)) === 'public') throw notFound('Association');
  const rows = await db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      memberSince: associationMembers.createdAt,
    })
    .from(associationMembers)
    .innerJoin(users, eq(users.id, associationMembers.userId))
    .where(eq(associationMembers.associationId, associationId))
    .orderBy(associationMembers.createdAt, users.id);
  return rows.map((r) => ({ ...r, memberSince: r.memberSince.toISOString() }));
}
