import { type Database, type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import { type MissionMode, parseQuotaSetting } from '@passerelle/domain';
import { and, eq, sql } from 'drizzle-orm';
import { notFound } from '../../lib/errors';
import { decodeCursor, encodeCursor, queryFingerprint } from '../../lib/keyset-cursor';
import { type Actor, lockOwnMission, missionNotOpen, ownedBy } from '../missions/access';
import type {
  MissionMatchesResponse,
  RecommendationItem,
  RecommendationsQuery,
  reason,
  SCORE_BANDS,
} from './schemas';

const { matches, missions, associations, users } = schema;

type Reason = import('zod').infer<typeof reason>;
type Band = (typeof SCORE_BANDS)[number];

/** When admins have not set `monthly_solicitation_cap`. */
export const DEFAULT_MONTHLY_SOLICITATION_CAP = 4;

const asReasons = (value: unknown): Reason[] =>
  Array.isArray(value)
    ? value.filter(
        (r): r is Reason =>
          typeof r === 'object' && r !== null && typeof r.kind === 'string' && typeof r.weight === 'number',
      )
    : [];

/** Missions for the postier, best first (score, then mission id); never applied, only published. */
export async function listRecommendations(
  db: DbOrTx,
  input: { postierId: string; query: RecommendationsQuery },
): Promise<{ items: RecommendationItem[]; nextCursor: string | null; total: number }> {
  const { query } = input;
  const fingerprint = queryFingerprint({ list: 'recommendations' });
  const cursor = query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined;
  const filter = and(
    eq(matches.postierId, input.postierId),
    eq(missions.status, 'published'),
    sql`not exists (select 1 from ${schema.applications} a
                     where a.mission_id = ${matches.missionId} and a.postier_id = ${matches.postierId})`,
  );
  const after = cursor
    ? sql`(${matches.score} < cast(${cursor.key} as numeric)
           or (${matches.score} = cast(${cursor.key} as numeric) and ${matches.missionId} > cast(${cursor.id} as uuid)))`
    : undefined;
  const [rows, counted] = await Promise.all([
    db
      .select({
        missionId: missions.id,
        title: missions.title,
        mode: missions.mode,
        startDate: missions.startDate,
        endDate: missions.endDate,
        hoursTotal: missions.hoursTotal,
        domainCode: missions.domainCode,
        communeCode: missions.communeCode,
        associationId: associations.id,
        associationName: associations.name,
        score: matches.score,
        key: sql<string>`${matches.score}::text`,
        reasons: matches.reasons,
      })
      .from(matches)
      .innerJoin(missions, eq(missions.id, matches.missionId))
      .innerJoin(associations, eq(associations.id, missions.associationId))
      .where(and(filter, after))
      .orderBy(sql`${matches.score} desc`, sql`${matches.missionId} asc`)
      .limit(query.limit + 1),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(matches)
      .innerJoin(missions, eq(missions.id, matches.missionId))
      .where(filter),
  ]);
  const kept = rows.slice(0, query.limit);
  const last = kept[kept.length - 1];
  return {
    items: kept.map((r) => ({
      mission: {
        id: r.missionId,
        title: r.title,
        mode: r.mode as MissionMode,
        startDate: r.startDate,
        endDate: r.endDate,
        hoursTotal: r.hoursTotal,
        domainCode: r.domainCode,
        communeCode: r.communeCode,
        association: { id: r.associationId, name: r.associationName },
      },
      score: r.score,
      reasons: asReasons(r.reasons),
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ key: last.key, id: last.missionId }, fingerprint)
        : null,
    total: counted[0]?.total ?? 0,
  };
}

const bandOf = (score: number): Band =>
  score >= 0.8 ? '0.8-1' : score >= 0.6 ? '0.6-0.8' : score >= 0.4 ? '0.4-0.6' : '0-0.4';

/**
 * A mission's matches. Admins see who, in rank order; the association's members only counts per
 * score band and per kind of reason (a postier's identity is theirs to give, by applying).
 */
export async function missionMatches(
  db: DbOrTx,
  input: { actor: Actor; missionId: string },
): Promise<MissionMatchesResponse> {
  const [mission] = await db
    .select({ id: missions.id })
    .from(missions)
    .where(and(eq(missions.id, input.missionId), ownedBy(input.actor)));
  if (!mission) throw notFound('Mission');
  const rows = await db
    .select({
      rank: matches.rank,
      score: matches.score,
      reasons: matches.reasons,
      invitedAt: matches.invitedAt,
      postierId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
    })
    .from(matches)
    .innerJoin(users, eq(users.id, matches.postierId))
    .where(eq(matches.missionId, mission.id))
    .orderBy(sql`${matches.rank} asc`, sql`${matches.postierId} asc`);
  const bands = new Map<Band, number>([
    ['0.8-1', 0],
    ['0.6-0.8', 0],
    ['0.4-0.6', 0],
    ['0-0.4', 0],
  ]);
  const kinds = new Map<string, number>();
  for (const row of rows) {
    const band = bandOf(row.score);
    bands.set(band, (bands.get(band) ?? 0) + 1);
    // Each kind once per postier: "12 have the skill", not how many skills they have.
    for (const kind of new Set(asReasons(row.reasons).map((r) => r.kind)))
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const response: MissionMatchesResponse = {
    missionId: mission.id,
    total: rows.length,
    bands: [...bands].map(([band, count]) => ({ band, count })),
    reasons: [...kinds]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .map(([kind, count]) => ({ kind, count })),
    invited: rows.filter((r) => r.invitedAt !== null).length,
  };
  if (input.actor.role === 'admin') {
    response.items = rows.map((r) => ({
      rank: r.rank,
      score: r.score,
      postier: { id: r.postierId, firstName: r.firstName, lastName: r.lastName },
      reasons: asReasons(r.reasons),
      invitedAt: r.invitedAt?.toISOString() ?? null,
    }));
  }
  return response;
}

async function solicitationCap(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ value: schema.settings.value })
    .from(schema.settings)
    .where(eq(schema.settings.key, 'monthly_solicitation_cap'));
  return parseQuotaSetting(row?.value) ?? DEFAULT_MONTHLY_SOLICITATION_CAP;
}

/**
 * Invites the best matched postiers not yet invited, under the monthly solicitation cap: one
 * solicitation row (unique per postier, mission and kind), the match marked invited and one
 * `invitation.sent` outbox event each. Repeating never invites anyone twice. The answer is a count:
 * the association learns who only when a postier applies.
 */
export async function sendInvitations(
  db: Database,
  input: { actor: Actor; missionId: string; count: number },
): Promise<{ invited: number }> {
  return db.transaction(async (tx) => {
    const mission = await lockOwnMission(tx, input.missionId, input.actor);
    if (mission.status !== 'published') throw missionNotOpen(mission.status);
    const cap = await solicitationCap(tx);
    const eligible = sql`
      from matches m
      join users u on u.id = m.postier_id and u.status = 'active' and u.erased_at is null
      join postier_profiles pp on pp.user_id = m.postier_id and pp.matching_opt_in
     where m.mission_id = ${mission.id}::uuid and m.invited_at is null
       and not exists (select 1 from applications a where a.mission_id = m.mission_id and a.postier_id = m.postier_id)
       and not exists (select 1 from solicitations s where s.mission_id = m.mission_id
                        and s.postier_id = m.postier_id and s.kind = 'invitation')`;
    const { rows: pool } = await tx.execute<{ postier_id: string }>(
      sql`select m.postier_id ${eligible} order by m.postier_id`,
    );
    // Per-postier locks (in id order, so two missions never wait on each other crosswise): the cap
    // is counted after them, so two missions inviting at once cannot both pass it.
    for (const { postier_id } of pool) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`solicit:${postier_id}`}))`);
    }
    const { rows: chosen } = await tx.execute<{ postier_id: string }>(sql`
      select m.postier_id ${eligible}
         and (select count(*) from solicitations s
               where s.postier_id = m.postier_id and s.created_at > now() - interval '30 days') < ${cap}
       order by m.rank asc, m.postier_id asc
       limit ${input.count}`);
    let invited = 0;
    for (const { postier_id: postierId } of chosen) {
      const inserted = await tx
        .insert(schema.solicitations)
        .values({ postierId, missionId: mission.id, kind: 'invitation' })
        .onConflictDoNothing()
        .returning({ id: schema.solicitations.id });
      if (inserted.length === 0) continue;
      await tx
        .update(matches)
        .set({ invitedAt: sql`now()` })
        .where(and(eq(matches.missionId, mission.id), eq(matches.postierId, postierId)));
      await tx
        .update(schema.postierProfiles)
        .set({ lastSolicitedAt: sql`now()` })
        .where(eq(schema.postierProfiles.userId, postierId));
      await writeOutbox(tx, 'invitation.sent', { missionId: mission.id, postierId });
      invited++;
    }
    return { invited };
  });
}
