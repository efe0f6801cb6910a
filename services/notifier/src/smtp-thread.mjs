// The SMTP side of the notifier, in its own thread (see transport.ts, createThreadedTransport).
// Plain JavaScript on purpose: a worker thread starts without the TypeScript loader of its parent,
// under tsx as under vitest, and this file has to load the same everywhere.
import net from 'node:net';
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import pg from 'pg';

/**
 * @typedef {{ from: string, to: string, subject: string, html: string, text: string, messageId: string, headers: Record<string, string> }} OutgoingEmail
 * @typedef {{ id: number, email: OutgoingEmail, deliveryId?: string }} SendRequest
 */

const { host, port, secure, auth, connectionTimeout, databaseUrl } = workerData;

/** Opens the SMTP connection with Nagle's algorithm off (see transport.ts, noDelaySocket). */
function getSocket(_options, callback) {
  const socket = net.connect({ host, port, noDelay: true, keepAlive: true });
  const fail = (error) => {
    socket.destroy();
    callback(Object.assign(error, { code: 'ECONNECTION' }));
  };
  socket.setTimeout(connectionTimeout, () => fail(new Error('SMTP connection timeout')));
  socket.once('error', fail);
  socket.once('connect', () => {
    socket.setTimeout(0);
    socket.off('error', fail);
    callback(null, { connection: socket });
  });
}

const transporter = nodemailer.createTransport({
  pool: true,
  host,
  port,
  secure,
  auth,
  maxConnections: 1,
  maxMessages: 1_000,
  connectionTimeout,
  greetingTimeout: connectionTimeout,
  socketTimeout: 30_000,
  getSocket,
});

/** A connection of its own: recording "sent" must not wait behind the main thread's queries. */
let client;
let connecting;
function database() {
  if (client) return Promise.resolve(client);
  connecting ??= (async () => {
    const next = new pg.Client({
      connectionString: databaseUrl,
      application_name: 'passerelle-notifier-smtp',
    });
    next.on('error', () => {
      if (client === next) client = undefined;
    });
    try {
      await next.connect();
    } catch (error) {
      void next.end().catch(() => {});
      throw error;
    }
    client = next;
    return next;
  })().finally(() => {
    connecting = undefined;
  });
  return connecting;
}

async function recordSent(deliveryId) {
  const db = await database();
  await db.query({
    name: 'smtp-thread-mark-sent',
    text: `UPDATE email_deliveries SET status = 'sent', sent_at = now(), attempts = attempts + 1,
                  last_error = NULL, updated_at = now()
            WHERE id = $1`,
    values: [deliveryId],
  });
}

/** Only what classifySmtpError reads crosses back: an Error object would lose its fields. */
function failure(error) {
  return {
    responseCode: typeof error?.responseCode === 'number' ? error.responseCode : undefined,
    code: typeof error?.code === 'string' ? error.code : undefined,
    response: typeof error?.response === 'string' ? error.response : undefined,
    message: typeof error?.message === 'string' ? error.message : String(error),
  };
}

function build(email) {
  const message = new MailComposer({ ...email, textEncoding: 'base64' }).compile();
  return message.build().then((raw) => ({ envelope: message.getEnvelope(), raw }));
}

/**
 * From the SMTP server's final reply to the row marked sent, one email at a time: a crash can then
 * leave at most one email accepted and not recorded, the one duplicate that crash causes. The next
 * email does not wait idle meanwhile: its MIME is built, its envelope and body go out, and only its
 * final dot waits until the previous email is recorded (the server accepts nothing before the dot).
 * One connection keeps the emails in order, so that wait never waits on itself.
 */
const queue = [];
let running = false;
let closing = false;
/** Settles when the last email sent is recorded (or could not be). */
let previousRecorded = Promise.resolve();

/** The raw message, its end held back until `gate` settles. */
function gated(raw, gate) {
  const stream = new Readable({ read() {} });
  stream.push(raw);
  void gate.finally(() => stream.push(null));
  return stream;
}

async function drain() {
  if (running) return;
  running = true;
  for (;;) {
    const next = queue.shift();
    if (!next) {
      await previousRecorded;
      // An email may have come in while the last one was being recorded.
      if (queue.length === 0) break;
      continue;
    }
    const { request, built } = next;
    try {
      const { envelope, raw } = await built;
      await transporter.sendMail({ envelope, raw: gated(raw, previousRecorded) });
    } catch (error) {
      parentPort?.postMessage({ id: request.id, error: failure(error) });
      continue;
    }
    previousRecorded = (request.deliveryId ? recordSent(request.deliveryId) : Promise.resolve()).then(
      () => parentPort?.postMessage({ id: request.id, recorded: Boolean(request.deliveryId) }),
      // Sent but not recorded (the database is away): the main thread tries again, or the job does.
      () => parentPort?.postMessage({ id: request.id, recorded: false }),
    );
  }
  running = false;
  if (closing) shutdown();
}

function shutdown() {
  transporter.close();
  void client?.end().catch(() => {});
  parentPort?.close();
}

// Connected before the first email rather than by it.
database().catch(() => {});

parentPort?.on('message', (/** @type {SendRequest | 'close'} */ request) => {
  if (request === 'close') {
    closing = true;
    if (!running) shutdown();
    return;
  }
  const built = build(request.email);
  built.catch(() => {});
  queue.push({ request, built });
  void drain();
});
