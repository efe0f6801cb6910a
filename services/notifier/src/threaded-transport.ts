import { Worker } from 'node:worker_threads';
import { type BuiltEmail, buildEmail } from './mime';
import { type MailTransport, settingsOf } from './transport';

interface ThreadResult {
  id: number;
  recorded?: boolean;
  error?: { responseCode?: number; code?: string; response?: string; message: string };
}

interface ThreadRequest {
  id: number;
  envelope: BuiltEmail['envelope'];
  raw: Uint8Array<ArrayBuffer>;
  deliveryId?: string;
}

/** The bytes in a buffer of their own, so they can be handed to the thread without a copy. */
function ownBytes(raw: Buffer): Uint8Array<ArrayBuffer> {
  const { buffer } = raw;
  if (buffer instanceof ArrayBuffer && raw.byteOffset === 0 && raw.byteLength === buffer.byteLength) {
    return new Uint8Array(buffer);
  }
  return new Uint8Array(raw);
}

/**
 * The notifier's transport: pooled SMTP in a worker thread (smtp-thread.mjs) that also marks each
 * delivery row sent, one email at a time, before the next one's final dot.
 *
 * Why one at a time: a process killed between the server's final reply and the row's update sends
 * that email again when its job is retried. With one email at a time in that window, a crash
 * duplicates at most one email; with eight connections sending freely the chaos test counted five
 * per crash. The window is short and the next email's envelope and body go out during it, so it
 * costs little: the row's update hides behind the SMTP round trips of the next envelope.
 *
 * Why a thread: that chain of round trips is the throughput, and from the main thread, busy with the
 * queue and the database, each reply waited its turn in the event loop. So the thread does nothing
 * else: it gets its emails built (mime.ts) and has a database connection of its own.
 *
 * Emails cross in groups both ways: each message wakes the other thread up, and on a busy machine
 * the wake-ups cost more than the messages.
 */
export function createThreadedTransport(smtpUrl: string, options: { databaseUrl: string }): MailTransport {
  const settings = { ...settingsOf(smtpUrl, {}), databaseUrl: options.databaseUrl };
  const pending = new Map<
    number,
    { resolve: (value: { recorded: boolean }) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;
  let thread: Worker | undefined;
  let outgoing: ThreadRequest[] = [];
  let flushScheduled = false;

  const failAll = (reason: string) => {
    for (const [id, waiter] of pending) {
      pending.delete(id);
      waiter.reject(Object.assign(new Error(reason), { code: 'ECONNECTION' }));
    }
  };
  const settle = (result: ThreadResult) => {
    const waiter = pending.get(result.id);
    if (!waiter) return;
    pending.delete(result.id);
    if (result.error) waiter.reject(Object.assign(new Error(result.error.message), result.error));
    else waiter.resolve({ recorded: result.recorded === true });
  };
  const start = () => {
    const worker = new Worker(new URL('./smtp-thread.mjs', import.meta.url), {
      workerData: settings,
      // It holds a few emails at a time: a small young generation keeps its memory flat under load.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    worker.on('message', (results: ThreadResult[]) => {
      for (const result of results) settle(result);
    });
    // A dead thread fails what it held as temporary errors (retried); the next send starts another.
    worker.on('error', (error) => failAll(`SMTP thread failed: ${error.message}`));
    worker.on('exit', () => {
      if (thread === worker) thread = undefined;
      failAll('SMTP thread exited');
    });
    return worker;
  };
  const flush = () => {
    flushScheduled = false;
    const batch = outgoing;
    outgoing = [];
    if (batch.length === 0) return;
    thread ??= start();
    thread.postMessage(
      batch,
      batch.map((request) => request.raw.buffer),
    );
  };

  // Started now rather than at the first email: a broken setup shows at boot, and the thread's memory
  // is part of the process from the start.
  thread = start();
  return {
    async send(email, deliveryId) {
      const { envelope, raw } = buildEmail(email);
      const id = nextId++;
      return new Promise<{ recorded: boolean }>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        outgoing.push({ id, envelope, raw: ownBytes(raw), ...(deliveryId ? { deliveryId } : {}) });
        if (!flushScheduled) {
          flushScheduled = true;
          // After the current I/O callbacks: the emails of every job woken in this turn go together.
          setImmediate(flush);
        }
      });
    },
    async close() {
      flush();
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
