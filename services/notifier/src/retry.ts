import { type DeliveryOutcome, deliver } from './deliver';
import { type DigestDeps, parseDigestKey, sendHrDigest, sendPersonDigest } from './digests';
import { EVENT_EMAILS } from './rules';

interface DeliveryRow {
  id: string;
  status: string;
  event_id: number | null;
  dedupe_key: string;
  recipient_user_id: string | null;
  template: string;
}

export type RetryOutcome = DeliveryOutcome | 'empty' | 'gone';

/** Nothing can be sent any more (the user left, the event's subject is gone): say so on the row. */
async function markGone(deps: DigestDeps, id: string, reason: string): Promise<'gone'> {
  await deps.pool.query(
    `UPDATE email_deliveries SET status = 'failed', last_error = $2, updated_at = now()
      WHERE id = $1 AND status <> 'sent'`,
    [id, reason],
  );
  return 'gone';
}

/**
 * An admin's retry of one delivery (`delivery.retry {deliveryId}`; the api has put the row back to
 * pending). The email is rebuilt from the event it came from, with today's data and fresh tokens,
 * under the same key and Message-ID. Preferences are not asked again: an admin chose to send it.
 */
export async function retryDelivery(
  deps: DigestDeps,
  deliveryId: string,
  options: { lastAttempt: boolean },
): Promise<RetryOutcome> {
  const { rows } = await deps.pool.query<DeliveryRow>(
    `SELECT id, status, event_id, dedupe_key, recipient_user_id, template
       FROM email_deliveries WHERE id = $1`,
    [deliveryId],
  );
  const [row] = rows;
  if (!row || row.status === 'sent') return 'already-sent';
  if (!row.recipient_user_id) return markGone(deps, row.id, 'recipient account deleted');

  const digest = parseDigestKey(row.dedupe_key);
  if (digest?.kind === 'person') {
    const outcome = await sendPersonDigest(deps, digest.job, options);
    return outcome === 'empty' ? markGone(deps, row.id, 'nothing left to send') : outcome;
  }
  if (digest?.kind === 'hr') {
    const outcome = await sendHrDigest(deps, digest.job, options);
    return outcome === 'empty' ? markGone(deps, row.id, 'nothing left to send') : outcome;
  }

  if (row.event_id === null) return markGone(deps, row.id, 'no event to rebuild the email from');
  const event = await deps.pool.query<{ event_type: string; payload: Record<string, unknown> }>(
    'SELECT event_type, payload FROM outbox WHERE id = $1',
    [row.event_id],
  );
  const [source] = event.rows;
  if (!source) return markGone(deps, row.id, 'event no longer in the outbox');
  const rules = (EVENT_EMAILS[source.event_type] ?? []).filter((r) => r.template === row.template);
  for (const rule of rules) {
    const plans = await rule.plan(deps, {
      id: row.event_id,
      type: source.event_type,
      payload: source.payload,
    });
    const plan = plans.find((p) => p.dedupeKey === row.dedupe_key);
    if (plan) return deliver(deps, plan, options);
  }
  return markGone(deps, row.id, 'nothing left to send');
}
