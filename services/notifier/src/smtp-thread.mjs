// The SMTP side of the notifier, in its own thread (see threaded-transport.ts).
// Plain JavaScript on purpose: a worker thread starts without the TypeScript loader of its parent,
// under tsx as under vitest, and this file has to load the same everywhere.
import net from 'node:net';
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import pg from 'pg';

/**
 * @typedef {{ id: number, envelope: { from: string, to: string[] }, raw: Uint8Array, deliveryId?: string }} SendRequest
 * @typedef {{ responseCode?: number, code?: string, response?: string, message: string }} SendFailure
 * @typedef {{ id: number, recorded?: boolean, error?: SendFailure }} SendResult
 */

const { host, port, secure, auth, connectionTimeout, maxConnections, maxMessages, databaseUrl } = workerData;

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
  maxConnections,
  maxMessages,
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

/** Synchronous up to the query's write when connected: it goes out before anything else is done. */
function recordSent(deliveryId) {
  const query = (db) =>
    db.query({
      name: 'smtp-thread-mark-sent',
      text: `UPDATE email_deliveries SET status = 'sent', sent_at = now(), attempts = attempts + 1,
                    last_error = NULL, updated_at = now()
              WHERE id = $1`,
      values: [deliveryId],
    });
  return client ? query(client) : database().then(query);
}

/**
 * Only what classifySmtpError reads crosses back: an Error object would lose its fields.
 * @returns {SendFailure}
 */
function failure(error) {
  return {
    responseCode: typeof error?.responseCode === 'number' ? error.responseCode : undefined,
    code: typeof error?.code === 'string' ? error.code : undefined,
    response: typeof error?.response === 'string' ? error.response : undefined,
    message: typeof error?.message === 'string' ? error.message : String(error),
  };
}

// ---------------------------------------------------------------------------------------------
// Results go back to the main thread in groups while other emails are still here: every message
// wakes it up (on a busy machine that costs more than the message), and the jobs it completes
// together fetch their successors together, so their SQL goes in larger batches too. With nothing
// left to send, results leave at once: a lone email is not held back.

const RESULTS_MAX_WAIT_MS = 15;
const RESULTS_MAX_BATCH = 32;
/** @type {SendResult[]} */
let results = [];
let resultsTimer;
/** Emails received and not answered yet. */
let pending = 0;
let closing = false;

function flushResults() {
  if (resultsTimer) clearTimeout(resultsTimer);
  resultsTimer = undefined;
  if (results.length === 0) return;
  const batch = results;
  results = [];
  parentPort?.postMessage(batch);
}

/** @param {SendResult} result */
function reply(result) {
  results.push(result);
  pending -= 1;
  if (pending === 0 || results.length >= RESULTS_MAX_BATCH) flushResults();
  else resultsTimer ??= setTimeout(flushResults, RESULTS_MAX_WAIT_MS);
  if (closing && pending === 0) shutdown();
}

// ---------------------------------------------------------------------------------------------
// From the SMTP server's final reply to the row marked sent, one email at a time: a crash can then
// leave at most one email accepted and not recorded, the one duplicate that crash causes. The next
// email does not wait idle meanwhile: its envelope and body go out, and only its final dot waits
// until the previous email is recorded (the server accepts nothing before the dot). The pool hands
// emails to its connections in order, so that wait never waits on itself.

/** Settles when the last email handed to the pool is recorded (or failed, or could not be recorded). */
let previousRecorded = Promise.resolve();

/** The raw message, its end held back until `gate` settles. */
function gated(raw, gate) {
  const stream = new Readable({ read() {} });
  stream.push(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
  void gate.finally(() => stream.push(null));
  return stream;
}

/**
 * Emails wait here and go to the pool one more than it has connections, each as the previous one's
 * final reply comes: the pool always has the next one ready, and nodemailer's work for each message
 * falls between SMTP replies rather than in a burst that holds them up whenever a group arrives
 * (measured: the envelope's round trips took half as long again with every email handed over at once).
 * @type {SendRequest[]}
 */
const waiting = [];
const HANDED_MAX = maxConnections + 1;
let handed = 0;

/** @param {SendRequest} request */
function hand(request) {
  handed += 1;
  const gate = previousRecorded;
  /** @type {() => void} */
  let recorded = () => {};
  previousRecorded = new Promise((resolve) => {
    recorded = resolve;
  });
  const { id, deliveryId } = request;
  const sent = transporter.sendMail({ envelope: request.envelope, raw: gated(request.raw, gate) });
  // Recording first: the next email's final dot waits for it.
  sent
    .then(
      () =>
        (deliveryId ? recordSent(deliveryId) : Promise.resolve()).then(
          () => reply({ id, recorded: Boolean(deliveryId) }),
          // Sent but not recorded (the database is away): the main thread tries again, or the job does.
          () => reply({ id, recorded: false }),
        ),
      (error) => reply({ id, error: failure(error) }),
    )
    .finally(recorded);
  sent
    .catch(() => {})
    .finally(() => {
      handed -= 1;
      handOver();
    });
}

function handOver() {
  while (handed < HANDED_MAX && waiting.length > 0) {
    const request = waiting.shift();
    if (request) hand(request);
  }
}

function shutdown() {
  flushResults();
  transporter.close();
  void client?.end().catch(() => {});
  parentPort?.close();
}

// Connected before the first email rather than by it.
database().catch(() => {});

parentPort?.on('message', (/** @type {SendRequest[] | 'close'} */ message) => {
  if (message === 'close') {
    closing = true;
    if (pending === 0) shutdown();
    return;
  }
  pending += message.length;
  waiting.push(...message);
  handOver();
});
