import { schema } from '@passerelle/db';
import { isUuid, type NotificationFrequency } from '@passerelle/domain';
import { type DigestItem, type DigestPeriod, renderEmail } from '@passerelle/mail';
import { DEFAULT_JOB_OPTIONS } from '@passerelle/queue';
import type { Job, Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { type DeliveryOutcome, deliver } from './deliver';
import type { DispatchDeps } from './dispatch';
import { parisDate } from './paris-time';
import type { Recipient } from './recipients';

export const DIGEST_JOBS = {
  /** Scheduled: fans out one `digest.user` job per person with something held for the daily digest. */
  daily: 'digest.daily',
  weekly: 'digest.weekly',
  /** Scheduled: fans out one `digest.hr-user` job per HR user. */
  hr: 'digest.hr',
  user: 'digest.user',
  hrUser: 'digest.hr-user',
} as const;

export const DIGEST_JOB_NAMES: readonly string[] = Object.values(DIGEST_JOBS);

export interface DigestDeps extends DispatchDeps {
  /** Where the fan-out adds the per-person jobs. */
  queue: Queue;
}

/** A digest gathers at most this many items; the rest are counted in a closing line. */
const MAX_ITEMS = 50;
const FAN_OUT_CHUNK = 1_000;

/**
 * Which preferences a digest serves. The daily one also takes what an `immediate` recipient could
 * not get at once (over the solicitation cap, or held before they switched to immediate).
 */
const FREQUENCIES_OF: Record<DigestPeriod, readonly NotificationFrequency[]> = {
  daily: ['daily', 'immediate'],
  weekly: ['weekly'],
};

export const digestKey = (period: DigestPeriod | 'hr-daily', date: string, userId: string) =>
  `digest:${period}:${date}:${userId}`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The French date the run is for: the scheduled instant, not when a worker got to it. */
export function runDate(job: Job): string {
  const given = (job.data as { date?: unknown } | undefined)?.date;
  if (typeof given === 'string' && DATE.test(given)) return given;
  return parisDate(new Date(job.opts.prevMillis ?? job.timestamp));
}

export interface PersonDigestJob {
  userId: string;
  period: DigestPeriod;
  date: string;
}

export function parsePersonDigestJob(data: unknown): PersonDigestJob | undefined {
  const { userId, period, date } = (data ?? {}) as Record<string, unknown>;
  if (!isUuid(userId)) return undefined;
  if (period !== 'daily' && period !== 'weekly') return undefined;
  if (typeof date !== 'string' || !DATE.test(date)) return undefined;
  return { userId, period, date };
}

export function parseHrDigestJob(data: unknown): { userId: string; date: string } | undefined {
  const { userId, date } = (data ?? {}) as Record<string, unknown>;
  if (!isUuid(userId)) return undefined;
  if (typeof date !== 'string' || !DATE.test(date)) return undefined;
  return { userId, date };
}

async function addInChunks(queue: Queue, jobs: Parameters<Queue['addBulk']>[0]): Promise<void> {
  for (let i = 0; i < jobs.length; i += FAN_OUT_CHUNK) await queue.addBulk(jobs.slice(i, i + FAN_OUT_CHUNK));
}

/**
 * One job per person, with a deterministic id: the fan-out can run twice (a retry, two notifiers)
 * and each person still gets one job, and one email (the delivery key says so too).
 */
export async function fanOutPersonDigests(deps: DigestDeps, period: DigestPeriod, date: string) {
  const frequencies = FREQUENCIES_OF[period];
  const { rows } = await deps.pool.query<{ user_id: string }>(
    `SELECT DISTINCT d.user_id
       FROM digest_items d
       JOIN users u ON u.id = d.user_id AND u.status = 'active'
       LEFT JOIN notification_preferences p ON p.user_id = d.user_id
      WHERE d.digest_key IS NULL
        AND ((d.channel = 'activity' AND coalesce(p.activity, 'immediate') = ANY($1::text[]))
          OR (d.channel = 'recommendations' AND coalesce(p.recommendations, 'weekly') = ANY($1::text[])))`,
    [frequencies],
  );
  await addInChunks(
    deps.queue,
    rows.map((row) => ({
      name: DIGEST_JOBS.user,
      data: { userId: row.user_id, period, date } satisfies PersonDigestJob,
      opts: { ...DEFAULT_JOB_OPTIONS, jobId: `digest-${period}-${date}-${row.user_id}` },
    })),
  );
  return { people: rows.length };
}

function channelsFor(recipient: Recipient, period: DigestPeriod): string[] {
  const frequencies = FREQUENCIES_OF[period];
  const channels: string[] = [];
  if (frequencies.includes(recipient.activity)) channels.push('activity');
  if (frequencies.includes(recipient.recommendations)) channels.push('recommendations');
  return channels;
}

/**
 * One person's digest. The items are claimed with the digest's key first: a retry after a crash
 * finds the same items (plus anything newer), and items held meanwhile wait for the next digest.
 */
export async function sendPersonDigest(
  deps: DigestDeps,
  job: PersonDigestJob,
  options: { lastAttempt: boolean },
): Promise<DeliveryOutcome | 'empty'> {
  const [recipient] = await deps.store.recipients([job.userId]);
  if (!recipient) return 'empty';
  const key = digestKey(job.period, job.date, job.userId);
  await deps.pool.query(
    `UPDATE digest_items SET digest_key = $1
      WHERE user_id = $2 AND digest_key IS NULL AND channel = ANY($3::text[])`,
    [key, job.userId, channelsFor(recipient, job.period)],
  );
  const { rows } = await deps.pool.query<{ kind: DigestItem['kind']; title: string; url: string | null }>(
    'SELECT kind, title, url FROM digest_items WHERE digest_key = $1 ORDER BY created_at, id',
    [key],
  );
  if (rows.length === 0) return 'empty';
  const items: DigestItem[] = rows.slice(0, MAX_ITEMS).map((row) => ({ ...row }));
  if (rows.length > MAX_ITEMS) {
    items.push({
      kind: 'info',
      title: `… et ${rows.length - MAX_ITEMS} autres nouveautés sur Passerelle`,
      url: '/',
    });
  }
  const outcome = await deliver(
    deps,
    {
      recipient,
      template: 'postier.digest',
      dedupeKey: key,
      eventId: null,
      render: async (tools) =>
        renderEmail(
          'postier.digest',
          { firstName: recipient.firstName, period: job.period, items },
          tools.context,
        ),
    },
    options,
  );
  if (outcome === 'sent') {
    await deps.db
      .update(schema.notificationPreferences)
      .set({ lastDigestAt: new Date() })
      .where(eq(schema.notificationPreferences.userId, job.userId));
  }
  return outcome;
}

export async function fanOutHrDigests(deps: DigestDeps, date: string) {
  const { rows } = await deps.pool.query<{ id: string }>(
    `SELECT DISTINCT u.id
       FROM users u
       JOIN hr_scopes s ON s.user_id = u.id
       LEFT JOIN notification_preferences p ON p.user_id = u.id
      WHERE u.role = 'hr' AND u.status = 'active' AND coalesce(p.activity, 'immediate') <> 'never'`,
  );
  await addInChunks(
    deps.queue,
    rows.map((row) => ({
      name: DIGEST_JOBS.hrUser,
      data: { userId: row.id, date },
      opts: { ...DEFAULT_JOB_OPTIONS, jobId: `digest-hr-${date}-${row.id}` },
    })),
  );
  return { people: rows.length };
}

interface HrCounts {
  approvals: number;
  entries: number;
  hours: string;
}

/**
 * What waits for one HR user. Scope: a postier is in it when one of the user's scope rows matches
 * both its business unit (when the row sets one) and the région of its work commune (when the row
 * sets one).
 */
export async function hrCounts(deps: DigestDeps, userId: string): Promise<HrCounts> {
  const { rows } = await deps.pool.query<HrCounts>(
    `WITH in_scope AS (
       SELECT a.id, a.status, a.hr_status
         FROM applications a
         JOIN postier_profiles pp ON pp.user_id = a.postier_id
         LEFT JOIN communes c ON c.code = pp.commune_code
        WHERE EXISTS (SELECT 1 FROM hr_scopes s
                       WHERE s.user_id = $1
                         AND (s.business_unit_id IS NULL OR s.business_unit_id = pp.business_unit_id)
                         AND (s.region_code IS NULL OR s.region_code = c.region_code)))
     SELECT (SELECT count(*) FROM in_scope WHERE status = 'accepted' AND hr_status = 'pending')::int AS approvals,
            count(t.id)::int AS entries,
            coalesce(sum(t.hours), 0)::text AS hours
       FROM time_entries t
      WHERE t.status = 'confirmed' AND t.application_id IN (SELECT id FROM in_scope)`,
    [userId],
  );
  return rows[0] ?? { approvals: 0, entries: 0, hours: '0' };
}

export async function sendHrDigest(
  deps: DigestDeps,
  job: { userId: string; date: string },
  options: { lastAttempt: boolean },
): Promise<DeliveryOutcome | 'empty'> {
  const [recipient] = await deps.store.recipients([job.userId]);
  if (!recipient || recipient.activity === 'never') return 'empty';
  const counts = await hrCounts(deps, job.userId);
  // Nothing waiting: no email saying so every morning.
  if (counts.approvals === 0 && counts.entries === 0) return 'empty';
  return deliver(
    deps,
    {
      recipient,
      template: 'hr.digest',
      dedupeKey: digestKey('hr-daily', job.date, job.userId),
      eventId: null,
      render: async (tools) =>
        renderEmail(
          'hr.digest',
          {
            approvalsWaiting: counts.approvals,
            hoursToValidate: counts.entries,
            hoursToValidateTotal: counts.hours,
          },
          tools.context,
        ),
    },
    options,
  );
}

/** `digest:<period>:<date>:<userId>` back into a job, for an admin's retry of a failed digest. */
export function parseDigestKey(
  key: string,
):
  | { kind: 'person'; job: PersonDigestJob }
  | { kind: 'hr'; job: { userId: string; date: string } }
  | undefined {
  const [prefix, period, date, userId, ...rest] = key.split(':');
  if (prefix !== 'digest' || rest.length || !userId || !date) return undefined;
  if (period === 'hr-daily') {
    const job = parseHrDigestJob({ userId, date });
    return job ? { kind: 'hr', job } : undefined;
  }
  const job = parsePersonDigestJob({ userId, period, date });
  return job ? { kind: 'person', job } : undefined;
}
