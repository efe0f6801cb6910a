import net from 'node:net';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { buildEmail, type OutgoingEmail } from './mime';

export type { OutgoingEmail } from './mime';

export interface MailTransport {
  /**
   * Resolves once the SMTP server has accepted the message (its final 250), and says whether the
   * transport also marked that delivery row sent (a transport given `deliveryId` may, see below).
   */
  send(email: OutgoingEmail, deliveryId?: string): Promise<{ recorded: boolean }>;
  close(): Promise<void>;
}

/**
 * The pool of every sender here, the notifier's and the bench's bare ceiling alike.
 *
 * One connection: the notifier lets one email at a time be accepted and not yet recorded
 * (threaded-transport.ts), so final replies come one after another whatever the number of
 * connections, and the row's update hides behind the next envelope's round trips. A second connection
 * would overlap that envelope with the previous final reply instead (on the local sink: about +15 %
 * for the notifier, +30 % for the bare sender) but put the update back on the critical path; worth
 * it for a distant relay, whose round trips are long. 1,000 messages per connection: the
 * default of 100 reconnects every 100 emails, where a relay is happy to keep going.
 */
export const SMTP_POOL = { maxConnections: 1, maxMessages: 1_000 } as const;

export interface TransportOptions {
  /** Parallel SMTP connections of the pool. */
  maxConnections?: number;
}

const CONNECTION_TIMEOUT_MS = 10_000;

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  maxConnections: number;
  maxMessages: number;
  connectionTimeout: number;
}

export function settingsOf(smtpUrl: string, options: TransportOptions): SmtpSettings {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    maxConnections: options.maxConnections ?? SMTP_POOL.maxConnections,
    maxMessages: SMTP_POOL.maxMessages,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
  };
}

/**
 * Opens the pool's TCP connections with Nagle's algorithm off. Nodemailer writes the end of a
 * message (`.\r\n`) as a small separate segment: with Nagle on, it waits for the ACK of the body,
 * which the server delays by up to 40 ms because it has nothing to say yet, and every email costs
 * those 40 ms (measured: 158 emails/s with, 464 without, on one local sink). Nodemailer upgrades
 * the socket to TLS itself (smtps, or STARTTLS). smtp-thread.mjs has the same function.
 */
function noDelaySocket(host: string, port: number): NonNullable<SMTPPool.Options['getSocket']> {
  return (_options, callback) => {
    const socket = net.connect({ host, port, noDelay: true, keepAlive: true });
    const fail = (error: Error) => {
      socket.destroy();
      callback(Object.assign(error, { code: 'ECONNECTION' }), undefined);
    };
    socket.setTimeout(CONNECTION_TIMEOUT_MS, () => fail(new Error('SMTP connection timeout')));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.off('error', fail);
      callback(null, { connection: socket });
    });
  };
}

/**
 * Bare pooled nodemailer, in the calling thread: a few long-lived connections instead of one TCP
 * (and TLS) handshake per email, each message built in one piece (mime.ts).
 */
export function createMailTransport(smtpUrl: string, options: TransportOptions = {}): MailTransport {
  const settings = settingsOf(smtpUrl, options);
  const transporter = nodemailer.createTransport({
    pool: true,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.auth ? { auth: settings.auth } : {}),
    maxConnections: settings.maxConnections,
    maxMessages: settings.maxMessages,
    connectionTimeout: settings.connectionTimeout,
    greetingTimeout: settings.connectionTimeout,
    socketTimeout: 30_000,
    getSocket: noDelaySocket(settings.host, settings.port),
  } satisfies SMTPPool.Options);
  return {
    async send(email) {
      const { envelope, raw } = buildEmail(email);
      await transporter.sendMail({ envelope, raw });
      return { recorded: false };
    },
    close: async () => transporter.close(),
  };
}

export type SmtpFailure =
  | { kind: 'permanent'; responseCode: number; reason: string }
  | { kind: 'temporary'; responseCode: number | null; reason: string };

/**
 * Sorts a sending error: a 5xx reply about the message or its recipient will fail the same way
 * next time (RFC 5321 §4.2.1), anything else (4xx, a lost connection, a timeout) may pass later.
 * Authentication failures are 5xx too but say nothing about the email: they stay temporary, so a
 * wrong password fixed by an operator does not leave every email of the outage marked failed.
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const fields = (error ?? {}) as {
    responseCode?: unknown;
    code?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : null;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const detail =
    typeof fields.response === 'string'
      ? fields.response
      : typeof fields.message === 'string'
        ? fields.message
        : String(error);
  const reason = `${code ? `${code}: ` : ''}${detail}`.slice(0, 1_000);
  if (responseCode !== null && responseCode >= 500 && responseCode < 600 && code !== 'EAUTH') {
    return { kind: 'permanent', responseCode, reason };
  }
  return { kind: 'temporary', responseCode, reason };
}
