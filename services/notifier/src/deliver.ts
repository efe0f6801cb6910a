import type { Database } from '@passerelle/db';
import type { TokenPurpose } from '@passerelle/domain';
import type { RenderContext, RenderedEmail, TemplateName } from '@passerelle/mail';
import type pg from 'pg';
import type { Recipient } from './recipients';
import type { DeliveryStore } from './store';
import { classifySmtpError, type MailTransport } from './transport';
import { unsubscribeUrl } from './unsubscribe';

export interface DeliveryDeps {
  db: Database;
  pool: pg.Pool;
  store: DeliveryStore;
  transport: MailTransport;
  mail: {
    from: string;
    publicUrl: string;
    /** Derives the unsubscribe tokens (see unsubscribe.ts). */
    secret: string;
  };
}

export interface RenderTools {
  /** A fresh single-use token for a link of this email; made here, never carried in a job. */
  token(purpose: Exclude<TokenPurpose, 'unsubscribe'>): Promise<string>;
  context: RenderContext;
}

/** One email to one person: what `email_deliveries` holds one row for. */
export interface EmailPlan {
  recipient: Recipient;
  template: TemplateName;
  /** `${eventId}:${recipientUserId}:${template}`, or `digest:<period>:<date>:<userId>`. */
  dedupeKey: string;
  eventId: number | null;
  render(tools: RenderTools): Promise<RenderedEmail>;
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'already-failed' | 'in-flight';

/** A 5xx: the row is marked failed and the job must not be retried (BullMQ UnrecoverableError at the edge). */
export class PermanentDeliveryError extends Error {
  readonly code = 'SMTP_PERMANENT';
  constructor(
    readonly deliveryId: string,
    readonly responseCode: number,
  ) {
    // No server text here: it often quotes the address, and this message reaches the logs.
    super(`delivery ${deliveryId}: SMTP ${responseCode}, not retried`);
    this.name = 'PermanentDeliveryError';
  }
}

/** A 4xx or a lost connection: the job is retried with exponential backoff. */
export class TemporaryDeliveryError extends Error {
  readonly code = 'SMTP_TEMPORARY';
  constructor(
    readonly deliveryId: string,
    readonly responseCode: number | null,
  ) {
    super(`delivery ${deliveryId}: SMTP ${responseCode ?? 'connection'} failure, will retry`);
    this.name = 'TemporaryDeliveryError';
  }
}

/** Templates whose emails are optional for the recipient: they carry RFC 8058 one-click unsubscribe. */
const OPTIONAL_TEMPLATES = new Set<TemplateName>([
  'postier.recommendations',
  'postier.digest',
  'postier.mission-invitation',
]);

/**
 * Keys being sent by this process right now. Two jobs of one event can run at once (a job handed
 * over again while the first still runs): the second leaves the sending to the first, whose job
 * retries if it fails.
 */
const inFlight = new Set<string>();

export async function deliver(
  deps: DeliveryDeps,
  plan: EmailPlan,
  options: { lastAttempt: boolean },
): Promise<DeliveryOutcome> {
  if (inFlight.has(plan.dedupeKey)) return 'in-flight';
  inFlight.add(plan.dedupeKey);
  try {
    return await deliverClaimed(deps, plan, options);
  } finally {
    inFlight.delete(plan.dedupeKey);
  }
}

async function deliverClaimed(
  deps: DeliveryDeps,
  plan: EmailPlan,
  options: { lastAttempt: boolean },
): Promise<DeliveryOutcome> {
  // The row is written (or found) before anything is sent: a job retried after a crash finds it
  // and does not send again what was already sent.
  const row = await deps.store.claim({
    dedupeKey: plan.dedupeKey,
    eventId: plan.eventId,
    recipientUserId: plan.recipient.userId,
    template: plan.template,
  });
  if (row.status === 'sent') return 'already-sent';
  // Failed for good (a 5xx): only an admin's retry puts it back to pending.
  if (row.status === 'failed') return 'already-failed';

  const userId = plan.recipient.userId;
  const optionalUrl = () =>
    unsubscribeUrl(deps.db, { secret: deps.mail.secret, publicUrl: deps.mail.publicUrl, userId });
  const tools = (unsubscribe: string | null): RenderTools => ({
    token: (purpose) => deps.store.issueToken(userId, purpose),
    context: { publicUrl: deps.mail.publicUrl, unsubscribeUrl: unsubscribe },
  });
  let unsubscribe = OPTIONAL_TEMPLATES.has(plan.template) ? await optionalUrl() : null;
  let rendered = await plan.render(tools(unsubscribe));
  if (rendered.listUnsubscribe && !unsubscribe) {
    // A template became optional in @passerelle/mail and this list was not told: do it right anyway.
    unsubscribe = await optionalUrl();
    rendered = await plan.render(tools(unsubscribe));
  }

  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  if (rendered.listUnsubscribe && unsubscribe) {
    headers['List-Unsubscribe'] = `<${unsubscribe}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }

  let recorded: boolean;
  try {
    ({ recorded } = await deps.transport.send(
      {
        from: deps.mail.from,
        to: plan.recipient.email,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: row.message_id,
        headers,
      },
      row.id,
    ));
  } catch (error) {
    const failure = classifySmtpError(error);
    const status = failure.kind === 'permanent' || options.lastAttempt ? 'failed' : 'pending';
    await deps.pool.query(
      `UPDATE email_deliveries SET status = $2, attempts = attempts + 1, last_error = $3, updated_at = now()
        WHERE id = $1 AND status <> 'sent'`,
      [row.id, status, failure.reason],
    );
    if (failure.kind === 'permanent') throw new PermanentDeliveryError(row.id, failure.responseCode);
    throw new TemporaryDeliveryError(row.id, failure.responseCode);
  }
  // The unavoidable window: killed between the SMTP server's final reply and the row's update,
  // the email goes out a second time on retry (with the same Message-ID, so clients can fold it).
  // The notifier's transport records it itself, one email at a time (see threaded-transport.ts).
  if (!recorded) await deps.store.markSent(row.id);
  return 'sent';
}
