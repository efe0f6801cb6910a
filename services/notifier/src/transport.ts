import net from 'node:net';
import { Worker } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** `<uuid@passerelle>`: stable per delivery row, so a resent email is recognisably the same one. */
  messageId: string;
  headers: Record<string, string>;
}

export interface MailTransport {
  /**
   * Resolves once the SMTP server has accepted the message (its final 250), and says whether the
   * transport also marked that delivery row sent (a transport given `deliveryId` may, see below).
   */
  send(email: OutgoingEmail, deliveryId?: string): Promise<{ recorded: boolean }>;
  close(): Promise<void>;
}

export interface TransportOptions {
  /** Parallel SMTP connections of the pool. */
  maxConnections?: number;
}

const CONNECTION_TIMEOUT_MS = 10_000;

interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
  maxConnections: number;
  connectionTimeout: number;
}

function settingsOf(smtpUrl: string, options: TransportOptions): SmtpSettings {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    maxConnections: options.maxConnections ?? 1,
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
 * (and TLS) handshake per email. The MIME message is built in one piece and handed over raw, so
 * the socket gets one write instead of one per encoded line; bodies are base64 (French text is
 * full of accents, and base64 is native code where quoted-printable is a regex per line: a third
 * less CPU per email, for the sender and for the receiving server alike).
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
    // The default (100) reconnects every 100 emails; a relay is happy to keep going.
    maxMessages: 1_000,
    connectionTimeout: settings.connectionTimeout,
    greetingTimeout: settings.connectionTimeout,
    socketTimeout: 30_000,
    getSocket: noDelaySocket(settings.host, settings.port),
  } satisfies SMTPPool.Options);
  return {
    async send(email) {
      const message = new MailComposer({ ...email, textEncoding: 'base64' }).compile();
      const raw = await message.build();
      await transporter.sendMail({ envelope: message.getEnvelope(), raw });
      return { recorded: false };
    },
    close: async () => transporter.close(),
  };
}

interface ThreadReply {
  id: number;
  recorded?: boolean;
  error?: { responseCode?: number; code?: string; response?: string; message: string };
}

/**
 * The notifier's transport: one pooled SMTP connection, in a worker thread (smtp-thread.mjs) that
 * also marks each delivery row sent, one email at a time, before the next one's final dot.
 *
 * Why one connection, one email at a time: a process killed between the server's final reply and
 * the row's update sends that email again when its job is retried. Done one at a time, a crash
 * duplicates at most one email; with eight connections in parallel the chaos test counted five per
 * crash. Why a thread: the SMTP conversation is four round trips per email, and from the main thread,
 * busy with the queue and the database, each reply waited its turn in the event loop (one connection
 * then delivered 40 % less than it could). The thread keeps its own database connection for the same
 * reason.
 */
export function createThreadedTransport(smtpUrl: string, options: { databaseUrl: string }): MailTransport {
  const settings = { ...settingsOf(smtpUrl, { maxConnections: 1 }), databaseUrl: options.databaseUrl };
  const pending = new Map<
    number,
    { resolve: (value: { recorded: boolean }) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;
  let thread: Worker | undefined;

  const failAll = (reason: string) => {
    for (const [id, waiter] of pending) {
      pending.delete(id);
      waiter.reject(Object.assign(new Error(reason), { code: 'ECONNECTION' }));
    }
  };
  const start = () => {
    const worker = new Worker(new URL('./smtp-thread.mjs', import.meta.url), {
      workerData: settings,
      // It holds a few emails at a time: a small young generation keeps its memory flat under load.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    worker.on('message', (reply: ThreadReply) => {
      const waiter = pending.get(reply.id);
      if (!waiter) return;
      pending.delete(reply.id);
      if (reply.error) waiter.reject(Object.assign(new Error(reply.error.message), reply.error));
      else waiter.resolve({ recorded: reply.recorded === true });
    });
    // A dead thread fails what it held as temporary errors (retried); the next send starts another.
    worker.on('error', (error) => failAll(`SMTP thread failed: ${error.message}`));
    worker.on('exit', () => {
      if (thread === worker) thread = undefined;
      failAll('SMTP thread exited');
    });
    return worker;
  };

  // Started now rather than at the first email: a broken setup shows at boot, and the thread's memory
  // is part of the process from the start.
  thread = start();
  return {
    send(email, deliveryId) {
      thread ??= start();
      const id = nextId++;
      const worker = thread;
      return new Promise<{ recorded: boolean }>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, email, deliveryId });
      });
    },
    async close() {
      const worker = thread;
      thread = undefined;
      if (!worker) return;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('close');
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
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
