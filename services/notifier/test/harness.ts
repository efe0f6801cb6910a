import { type Config, parseConfig } from '@passerelle/config';
import { schema } from '@passerelle/db';
import { type Logger, outboxJobId } from '@passerelle/queue';
import {
  createTestDatabase,
  type ReceivedMail,
  type SmtpSink,
  startSmtpSink,
  type TestDatabase,
  testEnv,
} from '@passerelle/testkit';
import { eq } from 'drizzle-orm';
import { type Notifier, type NotifierOptions, startNotifier } from '../src/notifier';

export const silent: Logger = { info() {}, warn() {}, error() {} };

export interface Harness {
  database: TestDatabase;
  sink: SmtpSink;
  config: Config;
  notifier: Notifier;
  stop(): Promise<void>;
}

/** A fresh database, an SMTP sink and an in-process notifier (with its relay) on a queue prefix of its own. */
export async function startHarness(options: Partial<NotifierOptions> = {}): Promise<Harness> {
  const database = await createTestDatabase();
  const sink = await startSmtpSink();
  const config = parseConfig(testEnv({ DATABASE_URL: database.url, SMTP_URL: sink.url }));
  const notifier = await startNotifier(config, {
    logger: silent,
    relayPollIntervalMs: 100,
    concurrency: 8,
    ...options,
  });
  return {
    database,
    sink,
    config,
    notifier,
    async stop() {
      await notifier.worker.close();
      await Promise.all(
        Object.values(notifier.queues).map((q) => q.obliterate({ force: true }).catch(() => {})),
      );
      await notifier.stop();
      await sink.stop();
      await database.close();
    },
  };
}

export async function waitUntil<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const to = (address: string) => (mail: ReceivedMail) => mail.to.includes(address);

/** The first link of the plain-text part that starts with the given URL. */
export function linkIn(mail: ReceivedMail, prefix: string): URL {
  const match = mail.text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^\\s>)]*`));
  if (!match) throw new Error(`no link starting with ${prefix} in «${mail.subject}»`);
  return new URL(match[0]);
}

export async function deliveriesOf(harness: Harness, userId: string) {
  return harness.database.db
    .select()
    .from(schema.emailDeliveries)
    .where(eq(schema.emailDeliveries.recipientUserId, userId));
}

/** Waits until the relay has handed the outbox event to BullMQ and the notifier has finished it. */
export async function eventProcessed(harness: Harness, outboxId: number) {
  const job = await waitUntil(() => harness.notifier.queues.notifications.getJob(outboxJobId(outboxId)));
  await waitUntil(async () => ((await job.isCompleted()) || (await job.isFailed()) ? true : undefined));
  return harness.notifier.queues.notifications.getJob(outboxJobId(outboxId));
}
