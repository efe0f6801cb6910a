import { type Database, type DbOrTx, schema, writeOutbox } from '@passerelle/db';
import { MatchingIndex, type RankedCandidate, scoreCandidate, type Taxonomy } from '@passerelle/matching';
import { type Handlers, type Logger, outboxJobSchema } from '@passerelle/queue';
import type { Job } from 'bullmq';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { type LoadedMission, loadMission, loadPostiers, loadPublishedMissions, loadTaxonomy } from './load';

const { matches } = schema;

/** How many postiers each mission keeps in `matches`. */
export const TOP_K = 50;

/** Every event the relay routes to the matching queue (packages/queue/src/routes.ts). */
export const MATCHING_JOB_NAMES = [
  'mission.published',
  'mission.updated',
  'mission.closed',
  'mission.filled',
  'profile.updated',
  'application.submitted',
  'application.withdrawn',
  'invitations.requested',
] as const;

export interface MatcherDeps {
  db: Database;
  logger: Logger;
  /** The clock (tests pin it); epoch milliseconds. */
  now?: () => number;
}

export interface StoreResult {
  /** Rows kept for the mission. */
  stored: number;
  /** Whether a `matches.ready` event was written by this call. */
  announced: boolean;
}

export interface Matcher {
  readonly index: MatchingIndex;
  readonly taxonomy: Taxonomy;
  readonly handlers: Handlers;
  /** Ranks one mission from the index (no write); undefined when it does not exist. */
  rank(missionId: string): Promise<{ mission: LoadedMission; ranked: RankedCandidate[] } | undefined>;
  /** Ranks a mission and replaces its matches; `triggerId` (an outbox id) announces `matches.ready` once. */
  matchMission(missionId: string, triggerId?: number): Promise<StoreResult>;
  /** Reloads one postier into the index and refreshes their rows in `matches`. Returns the missions re-ranked. */
  refreshPostier(postierId: string): Promise<number>;
  /** An application was submitted or withdrawn: the pair leaves `matches`, the mission's list is refilled. */
  applicationChanged(applicationId: string): Promise<void>;
  clearMission(missionId: string): Promise<number>;
}

const stringField = (payload: Record<string, unknown>, name: string): string => {
  const value = payload[name];
  if (typeof value !== 'string' || value === '') throw new Error(`job payload without ${name}`);
  return value;
};

/** Serialises the writes of one mission's list across matcher processes. */
const lockMissionMatches = (tx: DbOrTx, missionId: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`matches:${missionId}`}))`);

/**
 * Builds the index from PostgreSQL, then keeps it fresh from the jobs. Every processor is
 * idempotent: it recomputes from the database and writes the result (a re-run writes the same
 * rows, and `matches.ready` is written once per triggering outbox row).
 */
export async function createMatcher(deps: MatcherDeps): Promise<Matcher> {
  const { db, logger } = deps;
  const now = deps.now ?? Date.now;
  const started = performance.now();
  const taxonomy = await loadTaxonomy(db);
  const index = new MatchingIndex(taxonomy, await loadPostiers(db));
  logger.info(
    {
      postiers: index.size,
      ms: Math.round(performance.now() - started),
      mb: Math.round(index.memoryBytes() / 1e5) / 10,
    },
    'matching index built',
  );

  async function rank(missionId: string) {
    const mission = await loadMission(db, missionId);
    if (!mission) return undefined;
    const ranked =
      mission.status === 'published' ? index.rank(mission.query, { topK: TOP_K, now: now() }) : [];
    return { mission, ranked };
  }

  async function clearMission(missionId: string): Promise<number> {
    return db.transaction(async (tx) => {
      await lockMissionMatches(tx, missionId);
      const deleted = await tx
        .delete(matches)
        .where(eq(matches.missionId, missionId))
        .returning({ p: matches.postierId });
      return deleted.length;
    });
  }

  /** Replaces the mission's list in one transaction; an invitation already sent keeps its date. */
  async function store(
    missionId: string,
    ranked: RankedCandidate[],
    triggerId?: number,
  ): Promise<StoreResult> {
    return db.transaction(async (tx) => {
      await lockMissionMatches(tx, missionId);
      // The mission may have closed since it was read: a closed mission keeps no list.
      const [current] = await tx
        .select({ status: schema.missions.status })
        .from(schema.missions)
        .where(eq(schema.missions.id, missionId))
        .for('share');
      const keep = current?.status === 'published' ? ranked : [];
      const ids = keep.map((r) => r.candidateId);
      await tx
        .delete(matches)
        .where(
          ids.length
            ? and(eq(matches.missionId, missionId), notInArray(matches.postierId, ids))
            : eq(matches.missionId, missionId),
        );
      if (keep.length) {
        await tx
          .insert(matches)
          .values(
            keep.map((r, i) => ({
              missionId,
              postierId: r.candidateId,
              rank: i + 1,
              score: r.score,
              reasons: r.reasons,
            })),
          )
          .onConflictDoUpdate({
            target: [matches.missionId, matches.postierId],
            set: {
              rank: sql`excluded.rank`,
              score: sql`excluded.score`,
              reasons: sql`excluded.reasons`,
              computedAt: sql`now()`,
            },
          });
      }
      let announced = false;
      if (triggerId !== undefined && current?.status === 'published') {
        const { rows } = await tx.execute<{ n: number }>(sql`
          select count(*)::int as n from outbox
           where event_type = 'matches.ready' and payload->>'missionId' = ${missionId}
             and payload->>'triggerId' = ${String(triggerId)}`);
        if ((rows[0]?.n ?? 0) === 0) {
          await writeOutbox(tx, 'matches.ready', { missionId, triggerId: String(triggerId) });
          announced = true;
        }
      }
      return { stored: keep.length, announced };
    });
  }

  async function matchMission(missionId: string, triggerId?: number): Promise<StoreResult> {
    const result = await rank(missionId);
    if (!result) return { stored: 0, announced: false };
    return store(missionId, result.ranked, triggerId);
  }

  async function refreshPostier(postierId: string): Promise<number> {
    const [profile] = await loadPostiers(db, [postierId]);
    if (profile) index.upsert(profile);
    else index.remove(postierId);
    const stored = index.get(postierId);
    const { rows } = await db.execute<{
      mission_id: string;
      n: number;
      min_score: number;
      mine: boolean;
    }>(sql`
      select mission_id, count(*)::int as n, min(score)::float8 as min_score,
             bool_or(postier_id = ${postierId}::uuid) as mine
        from matches group by mission_id`);
    const stats = new Map(rows.map((r) => [r.mission_id, r]));
    const at = now();
    let reranked = 0;
    for (const mission of await loadPublishedMissions(db)) {
      const s = stats.get(mission.query.id);
      let affected = s?.mine === true;
      if (!affected && stored) {
        const r = scoreCandidate(taxonomy, stored, mission.query, { now: at });
        affected = r.eligible && (s === undefined || s.n < TOP_K || r.score >= s.min_score);
      }
      if (!affected) continue;
      // The whole list again: the postier's rank moves the others', and top 50 stays exact.
      await store(mission.query.id, index.rank(mission.query, { topK: TOP_K, now: at }));
      reranked++;
    }
    return reranked;
  }

  async function applicationChanged(applicationId: string): Promise<void> {
    const [app] = await db
      .select({ missionId: schema.applications.missionId, postierId: schema.applications.postierId })
      .from(schema.applications)
      .where(eq(schema.applications.id, applicationId));
    if (!app) return;
    await db
      .delete(matches)
      .where(and(eq(matches.missionId, app.missionId), eq(matches.postierId, app.postierId)));
    // Refill the list to 50 (the applicant stays excluded: the application row remains).
    await matchMission(app.missionId);
  }

  const payloadOf = (job: Job) => outboxJobSchema.parse(job.data);
  const onMission = async (job: Job) => {
    const data = payloadOf(job);
    const missionId = stringField(data.payload, 'missionId');
    const r = await matchMission(missionId, data.outboxId);
    logger.info({ jobId: job.id, missionId, stored: r.stored }, 'mission matched');
    return r;
  };
  const onMissionEnded = async (job: Job) => {
    const missionId = stringField(payloadOf(job).payload, 'missionId');
    return { deleted: await clearMission(missionId) };
  };
  const onApplication = async (job: Job) => {
    await applicationChanged(stringField(payloadOf(job).payload, 'applicationId'));
    return { ok: true };
  };

  const handlers: Handlers = {
    'mission.published': onMission,
    'mission.updated': onMission,
    'mission.closed': onMissionEnded,
    'mission.filled': onMissionEnded,
    'profile.updated': async (job) => {
      const postierId = stringField(payloadOf(job).payload, 'postierId');
      return { reranked: await refreshPostier(postierId) };
    },
    'application.submitted': onApplication,
    'application.withdrawn': onApplication,
    // The API sends invitations itself (POST /missions/:id/invitations): nothing to rank.
    'invitations.requested': async () => ({ ok: true }),
  };

  return {
    index,
    taxonomy,
    handlers,
    rank,
    matchMission,
    refreshPostier,
    applicationChanged,
    clearMission,
  };
}
