import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createTestDatabase,
  type RedisHandle,
  type SmtpSink,
  startRedis,
  startSmtpSink,
  type TestDatabase,
  testEnv,
} from '@passerelle/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotifierProcess, spawnNotifier } from './child';

const USERS = 1_000;
/** Each user: `user.registered` (verification email) and `password_reset.requested` (reset email). */
const EVENTS = USERS * 2;
const KILL_EVERY_MS = 2_000;
const WORK_AT_LEAST_MS = 500;
const CHAOS_LIMIT_MS = 45_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('notifier under chaos', () => {
  let database: TestDatabase;
  let redis: RedisHandle;
  let redisDir: string;
  let sink: SmtpSink;
  let child: NotifierProcess | undefined;

  beforeAll(async () => {
    // Redis persists (AOF, as in production): a restart must not lose the queued jobs.
    redisDir = mkdtempSync(path.join(tmpdir(), 'passerelle-chaos-redis-'));
    [database, redis, sink] = await Promise.all([
      createTestDatabase(),
      startRedis({ dataDir: redisDir, persistent: true }),
      startSmtpSink(),
    ]);
  });
  afterAll(async () => {
    await child?.stop(5_000);
    await redis?.stop();
    rmSync(redisDir, { recursive: true, force: true });
    await sink?.stop();
    await database?.close();
  });

  it(`sends each of ${EVENTS} emails while the notifier is killed -9 every 2 s and Redis restarts`, async () => {
    const env = testEnv({
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      // info: the child says when it is ready.
      LOG_LEVEL: 'info',
    });
    const { rows: users } = await database.pool.query<{ id: string; email: string }>(
      `INSERT INTO users (email, role, first_name, last_name)
       SELECT 'chaos.' || g || '@laposte.fr', 'postier', 'Prénom' || g, 'Nom' FROM generate_series(1, $1) g
       RETURNING id, email`,
      [USERS],
    );
    const ids = users.map((u) => u.id);

    const started = Date.now();
    // Events keep coming while the chaos goes on: 10 commits of 200 events, 500 ms apart.
    const writer = (async () => {
      for (let i = 0; i < ids.length; i += 100) {
        await database.pool.query(
          `INSERT INTO outbox (event_type, payload)
           SELECT e.type, jsonb_build_object('userId', u.id)
             FROM unnest($1::uuid[]) AS u(id)
             CROSS JOIN (VALUES ('user.registered'), ('password_reset.requested')) AS e(type)`,
          [ids.slice(i, i + 100)],
        );
        await sleep(500);
      }
    })();

    const distinct = () => new Set(sink.messages.map((m) => `${m.to.join(',')}|${m.subject}`)).size;
    let kills = 0;
    let killsWhileWorking = 0;
    let redisRestarts = 0;
    child = spawnNotifier(env);
    while (distinct() < EVENTS && Date.now() - started < CHAOS_LIMIT_MS) {
      const born = Date.now();
      let readyAt: number | undefined;
      child.ready.then(
        () => {
          readyAt = Date.now();
        },
        () => {},
      );
      // Killed 2 s after its start, or half a second after it is ready when it boots slower (a
      // loaded machine): a kill must land while it sends, or the window it exists to test is
      // never hit and the test measures boots.
      await sleep(KILL_EVERY_MS);
      while (readyAt === undefined && Date.now() - born < 8_000) await sleep(50);
      if (readyAt !== undefined && Date.now() - readyAt < WORK_AT_LEAST_MS) {
        await sleep(WORK_AT_LEAST_MS - (Date.now() - readyAt));
      }
      const ready = readyAt !== undefined;
      if (ready && redisRestarts === 0 && kills === 2) {
        // Redis goes away under a working notifier while events are still written: the relay's
        // adds fail fast (the rows wait in the outbox), the worker's connection retries.
        await redis.stop();
        await sleep(1_000);
        await redis.restart();
        redisRestarts += 1;
        await sleep(WORK_AT_LEAST_MS);
      }
      if (ready) killsWhileWorking += 1;
      await child.kill9();
      kills += 1;
      child = spawnNotifier(env);
    }
    await writer;
    const chaosMs = Date.now() - started;

    // The last notifier lives: jobs its predecessors held are found stalled and run again.
    const deadline = Date.now() + 40_000;
    let sent = 0;
    for (;;) {
      const { rows } = await database.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM email_deliveries WHERE status = 'sent'",
      );
      sent = rows[0]?.n ?? 0;
      if ((sent === EVENTS && distinct() === EVENTS) || Date.now() > deadline) break;
      await sleep(200);
    }

    const received = sink.messages.length;
    const messageIds = new Set(sink.messages.map((m) => m.messageId));
    const duplicates = received - messageIds.size;
    const { rows: twice } = await database.pool.query(
      'SELECT dedupe_key FROM email_deliveries GROUP BY dedupe_key HAVING count(*) > 1',
    );
    const { rows: statuses } = await database.pool.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM email_deliveries GROUP BY status ORDER BY status',
    );
    process.stdout.write(
      `${JSON.stringify({
        chaos: 'notifier',
        events: EVENTS,
        kills,
        kills_while_working: killsWhileWorking,
        redis_restarts: redisRestarts,
        received,
        distinct_emails: distinct(),
        duplicates,
        chaos_s: Math.round(chaosMs / 100) / 10,
        total_s: Math.round((Date.now() - started) / 100) / 10,
        deliveries: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
      })}\n`,
    );

    expect(redisRestarts).toBe(1);
    expect(killsWhileWorking).toBeGreaterThanOrEqual(3);
    // Every expected email arrived…
    expect(distinct()).toBe(EVENTS);
    for (const user of users.slice(0, 50)) {
      expect(
        sink.messages
          .filter((m) => m.to.includes(user.email))
          .map((m) => m.subject)
          .sort(),
      ).toEqual(
        expect.arrayContaining([
          'Confirmez votre adresse e-mail pour activer votre compte Passerelle',
          'Réinitialisez votre mot de passe Passerelle',
        ]),
      );
    }
    // …each delivery row is sent, none twice…
    expect(sent).toBe(EVENTS);
    expect(twice).toEqual([]);
    expect(messageIds.size).toBe(EVENTS);
    // …and the sink saw no more repeats than there were kills (SMTP answered, the process died before
    // its database write).
    expect(duplicates).toBeLessThanOrEqual(kills);
  }, 150_000);
});
