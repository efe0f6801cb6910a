// The SMTP side of the notifier, in its own thread (see transport.ts, createThreadedTransport).
// Plain JavaScript on purpose: a worker thread starts without the TypeScript loader of its parent,
// under tsx as under vitest, and this file has to load the same everywhere.
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

/** @typedef {{ id: number, email: import('./transport').OutgoingEmail }} SendRequest */

const { host, port, secure, auth, maxConnections, connectionTimeout } = workerData;

/** Opens the pool's connections with Nagle's algorithm off (see transport.ts, noDelaySocket). */
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
  maxMessages: 1_000,
  connectionTimeout,
  greetingTimeout: connectionTimeout,
  socketTimeout: 30_000,
  getSocket,
});

/** Only what classifySmtpError reads crosses back: an Error object would lose its fields. */
function failure(error) {
  return {
    responseCode: typeof error?.responseCode === 'number' ? error.responseCode : undefined,
    code: typeof error?.code === 'string' ? error.code : undefined,
    response: typeof error?.response === 'string' ? error.response : undefined,
    message: typeof error?.message === 'string' ? error.message : String(error),
  };
}

parentPort?.on('message', async (/** @type {SendRequest | 'close'} */ request) => {
  if (request === 'close') {
    transporter.close();
    parentPort?.close();
    return;
  }
  try {
    const message = new MailComposer({ ...request.email, textEncoding: 'base64' }).compile();
    const raw = await message.build();
    await transporter.sendMail({ envelope: message.getEnvelope(), raw });
    parentPort?.postMessage({ id: request.id });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, error: failure(error) });
  }
});
