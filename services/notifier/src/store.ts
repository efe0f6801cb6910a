import { randomBytes, randomUUID } from 'node:crypto';
import { hashToken, TOKEN_LIFETIME_MS } from '@passerelle/db';
import { NOTIFICATION_FREQUENCIES, type NotificationFrequency, type TokenPurpose } from '@passerelle/domain';
import type pg from 'pg';
import { batched } from './batcher';
import type { Recipient } from './recipients';

export interface DeliveryRow {
  id: string;
  status: string;
  message_id: string;
}

export interface ClaimRequest {
  dedupeKey: string;
  eventId: number | null;
  recipientUserId: string;
  template: string;
}

/**
 * The notifier's hot SQL, batched across the jobs running at once: at a few hundred emails a
 * second, one statement per email and per step would spend more on round trips than on sending.
 * Statements have a fixed text whatever the batch size (arrays through unnest), so each is prepared
 * once per connection.
 */
export interface DeliveryStore {
  /** Active users with their preferences, in no particular order; the missing ones are left out. */
  recipients(userIds: readonly string[]): Promise<Recipient[]>;
  /** Inserts the delivery row, or returns the existing one for that key. */
  claim(request: ClaimRequest): Promise<DeliveryRow>;
  /** A fresh single-use token; only its hash is stored (see @passerelle/db issueEmailToken). */
  issueToken(userId: string, purpose: Exclude<TokenPurpose, 'unsubscribe'>): Promise<string>;
  markSent(deliveryId: string): Promise<void>;
}

interface RecipientRow {
  user_id: string;
  email: string;
  first_name: string;
  role: string;
  email_verified: boolean;
  recommendations: string | null;
  activity: string | null;
}

function frequency(value: string | null, fallback: NotificationFrequency): NotificationFrequency {
  return (NOTIFICATION_FREQUENCIES as readonly string[]).includes(value ?? '')
    ? (value as NotificationFrequency)
    : fallback;
}

export function toRecipient(row: RecipientRow): Recipient {
  return {
    userId: row.user_id,
    email: row.email,
    firstName: row.first_name,
    role: row.role,
    emailVerified: row.email_verified,
    // The defaults of the notification_preferences columns, for a user who has no row yet.
    recommendations: frequency(row.recommendations, 'weekly'),
    activity: frequency(row.activity, 'immediate'),
  };
}

export const RECIPIENTS_SQL = `
  SELECT u.id AS user_id, u.email, u.first_name, u.role, u.email_verified_at IS NOT NULL AS email_verified,
         p.recommendations, p.activity
    FROM users u
    LEFT JOIN notification_preferences p ON p.user_id = u.id
   WHERE u.id = ANY($1::uuid[]) AND u.status = 'active'`;

export function createDeliveryStore(pool: pg.Pool): DeliveryStore {
  const recipientBatch = batched<string, Recipient | undefined>(async (ids) => {
    const { rows } = await pool.query<RecipientRow>({
      name: 'notifier-recipients',
      text: RECIPIENTS_SQL,
      values: [[...new Set(ids)]],
    });
    const byId = new Map(rows.map((row) => [row.user_id, toRecipient(row)]));
    return ids.map((id) => byId.get(id));
  });

  const claimBatch = batched<ClaimRequest & { id: string }, DeliveryRow | undefined>(async (requests) => {
    // The usual case is a first attempt: one INSERT, no read. Only the keys that already had a row (a
    // retried job) are looked up, by the unique index; ON CONFLICT has waited for any concurrent
    // inserter to commit, so that second statement, with its own snapshot, finds its row.
    const { rows: inserted } = await pool.query<DeliveryRow & { dedupe_key: string }>({
      name: 'notifier-claim-deliveries',
      text: `INSERT INTO email_deliveries (id, event_id, dedupe_key, recipient_user_id, template, message_id)
             SELECT id, event_id, dedupe_key, recipient_user_id, template, '<' || id || '@passerelle>'
               FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::uuid[], $5::text[])
                 AS t(id, event_id, dedupe_key, recipient_user_id, template)
             ON CONFLICT (dedupe_key) DO NOTHING
             RETURNING id, status, message_id, dedupe_key`,
      values: [
        requests.map((r) => r.id),
        requests.map((r) => r.eventId),
        requests.map((r) => r.dedupeKey),
        requests.map((r) => r.recipientUserId),
        requests.map((r) => r.template),
      ],
    });
    const byKey = new Map(inserted.map((row) => [row.dedupe_key, row]));
    const existing = [...new Set(requests.map((r) => r.dedupeKey).filter((key) => !byKey.has(key)))];
    if (existing.length > 0) {
      const { rows } = await pool.query<DeliveryRow & { dedupe_key: string }>({
        name: 'notifier-existing-deliveries',
        text: `SELECT id, status, message_id, dedupe_key FROM email_deliveries
                WHERE dedupe_key = ANY($1::text[])`,
        values: [existing],
      });
      for (const row of rows) byKey.set(row.dedupe_key, row);
    }
    return requests.map((r) => byKey.get(r.dedupeKey));
  });

  const tokenBatch = batched<{ userId: string; purpose: TokenPurpose }, string>(async (requests) => {
    const tokens = requests.map(() => randomBytes(32).toString('base64url'));
    const now = Date.now();
    await pool.query({
      name: 'notifier-issue-tokens',
      text: `INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at)
             SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])`,
      values: [
        requests.map((r) => r.userId),
        requests.map((r) => r.purpose),
        tokens.map(hashToken),
        requests.map((r) => new Date(now + TOKEN_LIFETIME_MS[r.purpose])),
      ],
    });
    return tokens;
  });

  const sentBatch = batched<string, undefined>(async (ids) => {
    await pool.query({
      name: 'notifier-mark-sent',
      text: `UPDATE email_deliveries SET status = 'sent', sent_at = now(), attempts = attempts + 1,
                    last_error = NULL, updated_at = now()
              WHERE id = ANY($1::uuid[])`,
      values: [ids],
    });
    return ids.map(() => undefined);
  });

  return {
    async recipients(userIds) {
      const found = await Promise.all([...new Set(userIds)].map((id) => recipientBatch(id)));
      return found.filter((r): r is Recipient => r !== undefined);
    },
    async claim(request) {
      const row = await claimBatch({ ...request, id: randomUUID() });
      // Deleted between the two statements (the account was erased): the job's retry sorts it out.
      if (!row) throw new Error(`delivery ${request.dedupeKey} neither inserted nor found`);
      return row;
    },
    issueToken: (userId, purpose) => tokenBatch({ userId, purpose }),
    markSent: async (id) => {
      await sentBatch(id);
    },
  };
}
