import { type Database, type DbOrTx, schema, writeOutbox } from '@passerelle/db';
// The request bodies live in @passerelle/domain: the admin's HR account forms validate with them.
import { hrScopesBody, hrUserBody, type HrScopeInput as ScopeInput } from '@passerelle/domain';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound, unprocessable } from '../../lib/errors';
import { decodeCursor, encodeCursor } from '../../lib/keyset-cursor';
import { problemResponses } from '../../lib/problem';
import type { Actor } from '../missions/access';
import { audit } from './audit';
import { idParams, pageOf, pageQuery } from './schemas';

const { users, hrScopes, businessUnits, regions, notificationPreferences } = schema;

const scopeSchema = z.object({ businessUnitId: z.uuid().nullable(), regionCode: z.string().nullable() });

export const hrUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  status: z.string(),
  /** False until the invitation link has been used to set a password. */
  passwordSet: z.boolean(),
  createdAt: z.string(),
  scopes: z.array(scopeSchema),
});

type HrUser = z.infer<typeof hrUserSchema>;

/** Unknown business units or régions are a 422 naming the scope, not a foreign-key 500. */
async function checkScopes(tx: DbOrTx, scopes: readonly ScopeInput[], field: string) {
  const unitIds = [...new Set(scopes.flatMap((s) => (s.businessUnitId ? [s.businessUnitId] : [])))];
  const regionCodes = [...new Set(scopes.flatMap((s) => (s.regionCode ? [s.regionCode] : [])))];
  const knownUnits = unitIds.length
    ? new Set(
        (
          await tx
            .select({ id: businessUnits.id })
            .from(businessUnits)
            .where(inArray(businessUnits.id, unitIds))
        ).map((r) => r.id),
      )
    : new Set<string>();
  const knownRegions = regionCodes.length
    ? new Set(
        (await tx.select({ code: regions.code }).from(regions).where(inArray(regions.code, regionCodes))).map(
          (r) => r.code,
        ),
      )
    : new Set<string>();
  scopes.forEach((s, index) => {
    if (s.businessUnitId && !knownUnits.has(s.businessUnitId)) {
      throw unprocessable(
        'UNKNOWN_BUSINESS_UNIT',
        `${field}.${index}.businessUnitId`,
        'No such business unit',
      );
    }
    if (s.regionCode && !knownRegions.has(s.regionCode)) {
      throw unprocessable('UNKNOWN_REGION', `${field}.${index}.regionCode`, 'No such région');
    }
  });
}

/** Identical scope rows once. */
function uniqueScopes(scopes: readonly ScopeInput[]) {
  const seen = new Map<string, { businessUnitId: string | null; regionCode: string | null }>();
  for (const s of scopes) {
    const row = { businessUnitId: s.businessUnitId ?? null, regionCode: s.regionCode ?? null };
    seen.set(`${row.businessUnitId}|${row.regionCode}`, row);
  }
  return [...seen.values()];
}

async function scopesOf(db: DbOrTx, userIds: readonly string[]) {
  const result = new Map<string, { businessUnitId: string | null; regionCode: string | null }[]>();
  if (userIds.length === 0) return result;
  const rows = await db
    .select({
      userId: hrScopes.userId,
      businessUnitId: hrScopes.businessUnitId,
      regionCode: hrScopes.regionCode,
    })
    .from(hrScopes)
    .where(inArray(hrScopes.userId, [...userIds]))
    .orderBy(asc(hrScopes.regionCode), asc(hrScopes.businessUnitId), asc(hrScopes.id));
  for (const r of rows) {
    result.set(r.userId, [
      ...(result.get(r.userId) ?? []),
      { businessUnitId: r.businessUnitId, regionCode: r.regionCode },
    ]);
  }
  return result;
}

const userColumns = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  status: users.status,
  passwordSet: sql<boolean>`${users.passwordHash} is not null`,
  createdAt: users.createdAt,
  sortKey: sql<string>`${users.createdAt}::text`,
};

async function readHrUser(db: DbOrTx, id: string): Promise<HrUser> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'hr')));
  if (!row) throw notFound('HR user');
  return {
    id: row.id,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    status: row.status,
    passwordSet: Boolean(row.passwordSet),
    createdAt: row.createdAt.toISOString(),
    scopes: (await scopesOf(db, [row.id])).get(row.id) ?? [],
  };
}

/** PostgreSQL's unique_violation, through drizzle's wrapping. */
function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && typeof current === 'object' && current !== null; depth++) {
    if ('code' in current && current.code === '23505') return true;
    current = 'cause' in current ? current.cause : undefined;
  }
  return false;
}

const emailTaken = () =>
  new AppError('EMAIL_TAKEN', 409, 'Conflict', 'An account already uses this email', [
    { field: 'body.email', message: 'already used' },
  ]);

/**
 * An admin creates an HR user: role hr, no password (the `hr.invited` event makes the notifier
 * email a set-password link, an `hr_invitation` token), and their scope rows.
 */
export async function inviteHrUser(db: Database, actor: Actor, input: z.infer<typeof hrUserBody>) {
  try {
    return await db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${input.email}`);
      if (taken) throw emailTaken();
      await checkScopes(tx, input.scopes, 'body.scopes');
      const [user] = await tx
        .insert(users)
        .values({
          email: input.email,
          role: 'hr',
          firstName: input.firstName,
          lastName: input.lastName,
          passwordHash: null,
        })
        .returning({ id: users.id });
      if (!user) throw new Error('user insert returned no row');
      await tx.insert(notificationPreferences).values({ userId: user.id }).onConflictDoNothing();
      const scopes = uniqueScopes(input.scopes);
      await tx.insert(hrScopes).values(scopes.map((s) => ({ ...s, userId: user.id })));
      await audit(tx, {
        actorUserId: actor.userId,
        action: 'hr_user.invited',
        entityType: 'user',
        entityId: user.id,
        details: { scopes },
      });
      await writeOutbox(tx, 'hr.invited', { userId: user.id });
      return readHrUser(tx, user.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/** HR users, oldest first, with their scopes. */
export async function listHrUsers(db: DbOrTx, query: { limit: number; cursor?: string }) {
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const after = cursor
    ? sql`(${users.createdAt}, ${users.id}) > (${cursor.key}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  const rows = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.role, 'hr'), after))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(query.limit + 1);
  const [totalRow] = await db.select({ total: count() }).from(users).where(eq(users.role, 'hr'));
  const page = rows.slice(0, query.limit);
  const scopes = await scopesOf(
    db,
    page.map((r) => r.id),
  );
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      email: r.email,
      firstName: r.firstName,
      lastName: r.lastName,
      status: r.status,
      passwordSet: Boolean(r.passwordSet),
      createdAt: r.createdAt.toISOString(),
      scopes: scopes.get(r.id) ?? [],
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last.sortKey, id: last.id }) : null,
    total: totalRow?.total ?? 0,
  };
}

/** Replaces an HR user's scope rows (what they see changes on their next request). */
export async function setHrScopes(db: Database, actor: Actor, userId: string, input: ScopeInput[]) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.role, 'hr')))
      .for('update');
    if (!user) throw notFound('HR user');
    await checkScopes(tx, input, 'body.scopes');
    const scopes = uniqueScopes(input);
    await tx.delete(hrScopes).where(eq(hrScopes.userId, user.id));
    await tx.insert(hrScopes).values(scopes.map((s) => ({ ...s, userId: user.id })));
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'hr_user.scopes_set',
      entityType: 'user',
      entityId: user.id,
      details: { scopes },
    });
    return readHrUser(tx, user.id);
  });
}

export function hrUserRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const admins = [app.authenticate, app.requireRole('admin')];
  const security = [{ bearerAuth: [] }];
  const actorOf = (user: { sub: string; role: Actor['role'] }): Actor => ({
    userId: user.sub,
    role: user.role,
  });

  app.post(
    '/admin/hr-users',
    {
      preHandler: admins,
      schema: {
        tags: ['hr'],
        summary: 'Create an HR user with their scope; they are emailed a link to set their password',
        security,
        body: hrUserBody,
        response: { 201: hrUserSchema, ...problemResponses(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inviteHrUser(app.db, actorOf(request.user), request.body)),
  );

  app.get(
    '/admin/hr-users',
    {
      preHandler: admins,
      schema: {
        tags: ['hr'],
        summary: 'HR users and their scopes, oldest first',
        security,
        querystring: pageQuery,
        response: { 200: pageOf(hrUserSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listHrUsers(app.db, request.query),
  );

  app.put(
    '/admin/hr-users/:id/scopes',
    {
      preHandler: admins,
      schema: {
        tags: ['hr'],
        summary: 'Replace the scope (business units and/or régions) of an HR user',
        security,
        params: idParams,
        body: hrScopesBody,
        response: { 200: hrUserSchema, ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request) => setHrScopes(app.db, actorOf(request.user), request.params.id, request.body.scopes),
  );
}
