import { schema } from '@passerelle/db';
import type { Logger } from '@passerelle/queue';
import { and, eq, gt, ne, sql } from 'drizzle-orm';
import {
  type DeliveryDeps,
  type DeliveryOutcome,
  deliver,
  PermanentDeliveryError,
  TemporaryDeliveryError,
} from './deliver';
import { EVENT_EMAILS, type OutboxEvent, type PlannedEmail } from './rules';

export interface DispatchDeps extends DeliveryDeps {
  logger: Logger;
}

export type RouteOutcome = DeliveryOutcome | 'held' | 'skipped';

export interface DispatchSummary {
  planned: number;
  outcomes: Partial<Record<RouteOutcome, number>>;
}

/** The event type is not in the mapping: the boot check makes this a deployment mistake. */
export class UnknownEventError extends Error {
  readonly code = 'UNKNOWN_EVENT';
  constructor(type: string) {
    super(`no email mapping for event type ${type}`);
    this.name = 'UnknownEventError';
  }
}

const DEFAULT_SOLICITATION_CAP = 4;
const CAP_CACHE_MS = 60_000;
let capCache: { value: number; at: number } | undefined;

/** `monthly_solicitation_cap` from the admins' settings, read at most once a minute. */
async function solicitationCap(deps: DeliveryDeps): Promise<number> {
  if (capCache && Date.now() - capCache.at < CAP_CACHE_MS) return capCache.value;
  const [row] = await deps.db
    .select({ value: schema.settings.value })
    .from(schema.settings)
    .where(eq(schema.settings.key, 'monthly_solicitation_cap'));
  const parsed = Number(row?.value);
  const value = Number.isInteger(parsed) && parsed >= 0 ? parsed : DEFAULT_SOLICITATION_CAP;
  capCache = { value, at: Date.now() };
  return value;
}

/**
 * Over the cap, a recommendation waits for the next digest instead of being lost. The count leaves
 * this mission out, so a retried job takes the same decision as its first attempt.
 */
async function overSolicitationCap(deps: DeliveryDeps, plan: PlannedEmail, missionId: string) {
  const cap = await solicitationCap(deps);
  const [row] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.solicitations)
    .where(
      and(
        eq(schema.solicitations.postierId, plan.recipient.userId),
        eq(schema.solicitations.kind, 'recommendation'),
        ne(schema.solicitations.missionId, missionId),
        gt(schema.solicitations.createdAt, sql`now() - interval '30 days'`),
      ),
    );
  return (row?.n ?? 0) >= cap;
}

/** Keeps the news for the recipient's digest; the same key as the email, so a retry holds it once. */
export async function hold(deps: DeliveryDeps, plan: PlannedEmail): Promise<void> {
  const rendered = await plan.render({
    token: () => {
      throw new Error(`template ${plan.template} needs a token: it cannot wait for a digest`);
    },
    context: { publicUrl: deps.mail.publicUrl },
  });
  await deps.db
    .insert(schema.digestItems)
    .values({
      userId: plan.recipient.userId,
      channel: plan.channel === 'recommendations' ? 'recommendations' : 'activity',
      eventId: plan.eventId,
      dedupeKey: plan.dedupeKey,
      template: plan.template,
      kind: plan.digest.kind,
      title: plan.digest.title ?? rendered.subject,
      url: plan.digest.url ?? null,
    })
    .onConflictDoNothing();
}

/** Now, later in a digest, or never: what the recipient chose for this kind of email. */
export async function route(
  deps: DeliveryDeps,
  plan: PlannedEmail,
  options: { lastAttempt: boolean },
): Promise<RouteOutcome> {
  const frequency = plan.channel === 'transactional' ? 'immediate' : plan.recipient[plan.channel];
  if (frequency === 'never') return 'skipped';
  if (frequency === 'daily' || frequency === 'weekly') {
    await hold(deps, plan);
    return 'held';
  }
  const missionId = plan.solicitationMissionId;
  if (missionId) {
    if (await overSolicitationCap(deps, plan, missionId)) {
      await hold(deps, plan);
      return 'held';
    }
    await deps.db
      .insert(schema.solicitations)
      .values({ postierId: plan.recipient.userId, missionId, kind: 'recommendation' })
      .onConflictDoNothing();
  }
  return deliver(deps, plan, options);
}

/**
 * Every email of one outbox event. One recipient's failure does not stop the others: a temporary
 * one makes the job retry (those already sent are skipped by their delivery rows), a permanent one
 * is recorded on its row and fails the job once the others are done.
 */
export async function dispatchEvent(
  deps: DispatchDeps,
  event: OutboxEvent,
  options: { lastAttempt: boolean },
): Promise<DispatchSummary> {
  const rules = EVENT_EMAILS[event.type];
  if (!rules) throw new UnknownEventError(event.type);
  const summary: DispatchSummary = { planned: 0, outcomes: {} };
  let temporary: TemporaryDeliveryError | undefined;
  let permanent: PermanentDeliveryError | undefined;
  for (const rule of rules) {
    const plans = await rule.plan(deps, event);
    summary.planned += plans.length;
    for (const plan of plans) {
      try {
        const outcome = await route(deps, plan, options);
        summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
      } catch (error) {
        if (error instanceof TemporaryDeliveryError) temporary ??= error;
        else if (error instanceof PermanentDeliveryError) permanent ??= error;
        else throw error;
      }
    }
  }
  if (temporary) throw temporary;
  if (permanent) throw permanent;
  return summary;
}
