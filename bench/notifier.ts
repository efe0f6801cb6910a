/**
 * pnpm bench:notifier — 20,000 emails through the real path (outbox row → relay → BullMQ → notifier
 * process → SMTP) into a local smtp-server sink, against bare pooled nodemailer sending 20,000
 * emails to the same sink (the ceiling). Both senders run as their own process, the sink in this
 * one, so neither competes with the sink for its CPU. Starts its own PostgreSQL and Redis.
 *
 * The last line is one JSON object. `emails_per_s` counts from the first event committed to the
 * last email received. `e2e_event_to_smtp_p95_ms` is measured in a second, paced phase (half the
 * measured throughput, for 5 s), so it is a latency, not the depth of a 20,000-email backlog; that
 * one is `e2e_burst_p95_ms`. The `*_cpu_ms_per_email` fields say where the CPU went during the
 * 20,000 (all processes share the machine's cores, the sink included). BENCH_EMAILS runs a smaller
 * count, BENCH_PACED_RATE pins the paced phase's rate, BENCH_NODE_ARGS passes flags to both senders
 * (`--cpu-prof`), BENCH_CHILD_STDERR shows theirs.
 *
 * The ceiling sends its 20,000 in two halves, one before the notifier's phase and one after, from
 * the same process (one warm-up): on a shared machine the load drifts over a run, and a ceiling
 * measured only before would compare the two sides under different loads. Both halves are in the
 * JSON (`raw_first_half_emails_per_s`, `raw_second_half_emails_per_s`), so a drift shows.
 *
 * Memory: `rss_end_mb` is read once the notifier has had nothing to do for RSS_SETTLE_MS. Right
 * after a burst, RSS says where V8 happens to be in its collection cycle (the same run read 182 or
 * 254 MB depending on when a major GC last ran), not what the process kept; V8 gives unused heap
 * back when the allocation rate drops. What it reached while working is `rss_peak_mb` (sampled
 * every 250 ms), and `rss_after_paced_mb` is the reading with no settling.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, migrate } from '@passerelle/db';
import { type SmtpSink, startPostgres, startRedis, startSmtpSink } from '@passerelle/testkit/services';
import { SMTP_POOL } from '../services/notifier/src/transport';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EMAILS = Number(process.env.BENCH_EMAILS ?? 20_000);
/**
 * Both sides use the notifier's pool settings (SMTP_POOL in services/notifier/src/transport.ts says
 * why one connection), so the ratio compares like with like. BENCH_RAW_CONNECTIONS=8 shows what more
 * connections would give the bare sender alone; the ratio is then no longer a fair one.
 */
const RAW_CONNECTIONS = Number(process.env.BENCH_RAW_CONNECTIONS ?? SMTP_POOL.maxConnections);
/** Idle time before the final RSS reading (see above): V8 shrinks its heap within ~10 s of quiet. */
const RSS_SETTLE_MS = 12_000;

const log = (message: string) => process.stderr.write(`bench:notifier ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** CPU time (user + system) another process has used so far, in ms, from /proc (Linux). */
function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime, fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Pids of the processes whose command line contains `needle`, and of their children. */
function processTree(needle: string): number[] {
  const all = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  const info = all.flatMap((name) => {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      return [{ pid: Number(name), ppid: Number(stat.split(') ')[1]?.split(' ')[1]), cmdline }];
    } catch {
      return [];
    }
  });
  const roots = info.filter((p) => p.cmdline.includes(needle)).map((p) => p.pid);
  return [...roots, ...info.filter((p) => roots.includes(p.ppid)).map((p) => p.pid)];
}

function treeCpuMs(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      return sum + cpuMs(pid);
    } catch {
      return sum;
    }
  }, 0);
}

/** Resident memory of another process, from /proc (Linux). */
function rssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

function spawnTs(
  entry: string,
  args: string[],
  env: Record<string, string>,
  stdin: 'ignore' | 'pipe' = 'ignore',
): ChildProcess {
  // `node --import tsx`, not the tsx command: its wrapper process would hide the real pid (RSS).
  // e.g. BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile both children.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
    },
    stdio: [stdin, 'pipe', process.env.BENCH_CHILD_STDERR ? 'inherit' : 'ignore'],
  });
}

/** Receipts (Message-ID → time received), drained from the sink so 20,000 parsed emails are not kept. */
function receipts(sink: SmtpSink) {
  const received = new Map<string, number>();
  let duplicates = 0;
  const drain = () => {
    for (const mail of sink.messages) {
      if (received.has(mail.messageId)) duplicates += 1;
      else received.set(mail.messageId, mail.receivedAt.getTime());
    }
    sink.clear();
  };
  return {
    received,
    drain,
    duplicates: () => duplicates,
    async waitFor(count: number, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        drain();
        if (received.size >= count) return;
        if (Date.now() > deadline)
          throw new Error(`only ${received.size}/${count} emails after ${timeoutMs} ms`);
        await sleep(20);
      }
    },
  };
}

interface RawHalf {
  count: number;
  elapsedMs: number;
  cpuMs: number;
}

const perSecond = (half: RawHalf) => half.count / (half.elapsedMs / 1000);

/** The raw sender's JSON lines, one per half, in order. */
function rawLines(child: ChildProcess) {
  const lines: RawHalf[] = [];
  const waiters: ((half: RawHalf) => void)[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let at = buffered.indexOf('\n'); at >= 0; at = buffered.indexOf('\n')) {
      const line = buffered.slice(0, at);
      buffered = buffered.slice(at + 1);
      // Flags such as --trace-gc (BENCH_NODE_ARGS) print on stdout too.
      if (!line.startsWith('{')) continue;
      const half = JSON.parse(line) as RawHalf;
      const waiter = waiters.shift();
      if (waiter) waiter(half);
      else lines.push(half);
    }
  });
  return {
    next: () =>
      new Promise<RawHalf>((resolve, reject) => {
        const ready = lines.shift();
        if (ready) return resolve(ready);
        waiters.push(resolve);
        child.once('exit', (code) => reject(new Error(`raw sender exited ${code} before its result`)));
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Child mode: bare pooled nodemailer, the same transport settings and the same rendered email.
// It sends RAW_COUNT emails in two halves, printing a JSON line after each, and starts the second
// half when a line comes on its stdin.

async function rawSender() {
  const { createMailTransport } = await import('../services/notifier/src/transport');
  const { renderEmail } = await import('../packages/mail/src/index');
  const count = Number(process.env.RAW_COUNT);
  const connections = Number(process.env.RAW_CONNECTIONS ?? SMTP_POOL.maxConnections);
  const transport = createMailTransport(process.env.SMTP_URL ?? '', { maxConnections: connections });
  const email = renderEmail(
    'account.verify-email',
    { firstName: 'Camille', token: 'x'.repeat(43) },
    { publicUrl: 'http://passerelle.bench' },
  );
  const sendRange = async (from: number, to: number) => {
    let next = from;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    // A window of sends in flight, enough to keep every pooled connection busy.
    const lane = async () => {
      while (next < to) {
        const i = next++;
        await transport.send({
          from: 'Passerelle <no-reply@passerelle.bench>',
          to: `raw.${i}@laposte.fr`,
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId: `<raw-${i}@passerelle>`,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      }
    };
    await Promise.all(Array.from({ length: 64 }, lane));
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const line = { count: to - from, elapsedMs, cpuMs: (cpu.user + cpu.system) / 1000 };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  const half = Math.floor(count / 2);
  await sendRange(0, half);
  await new Promise((resolve) => process.stdin.once('data', resolve));
  // Nothing more to read: an open stdin would keep this process alive.
  process.stdin.destroy();
  await sendRange(half, count);
  await transport.close();
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const rssBench = process.memoryUsage().rss;
  log('starting PostgreSQL, Redis and the SMTP sink');
  const [postgres, redis, sink] = await Promise.all([
    startPostgres({ ephemeral: true }),
    startRedis(),
    startSmtpSink({ keep: 1_000_000 }),
  ]);
  const children: ChildProcess[] = [];
  try {
    await migrate(postgres.url);
    const database = createDb(postgres.url, { max: 4, applicationName: 'bench-notifier' });
    const box = receipts(sink);

    // 1. The ceiling's first half: bare pooled nodemailer, in its own process.
    log(`ceiling: ${EMAILS} emails with bare pooled nodemailer, half now, half after the notifier`);
    const raw = spawnTs(
      'bench/notifier.ts',
      ['--raw-sender'],
      { SMTP_URL: sink.url, RAW_COUNT: String(EMAILS), RAW_CONNECTIONS: String(RAW_CONNECTIONS) },
      'pipe',
    );
    children.push(raw);
    const rawHalves = rawLines(raw);
    const rawFirst = await rawHalves.next();
    await box.waitFor(rawFirst.count, 60_000);
    log(`ceiling, first half: ${Math.round(perSecond(rawFirst))} emails/s`);
    box.received.clear();

    // 2. The real path.
    const { rows: users } = await database.pool.query<{ id: string }>(
      `INSERT INTO users (email, role, first_name, last_name)
       SELECT 'bench.' || g || '@laposte.fr', 'postier', 'Camille', 'Bench' FROM generate_series(1, $1) g
       RETURNING id`,
      [EMAILS + 10_000],
    );
    const ids = users.map((u) => u.id);
    const notifier = spawnTs('services/notifier/src/main.ts', [], {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      PUBLIC_URL: 'http://passerelle.bench',
      JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
      MAIL_FROM: 'Passerelle <no-reply@passerelle.bench>',
      LOG_LEVEL: 'info',
      QUEUE_PREFIX: '{bench}',
    });
    children.push(notifier);
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        if (chunk.toString().includes('notifier and outbox relay ready')) {
          notifier.stdout?.off('data', onData);
          notifier.stdout?.resume();
          resolve();
        }
      };
      notifier.stdout?.on('data', onData);
      notifier.once('exit', (code) => reject(new Error(`notifier exited ${code}`)));
    });
    await sleep(500);
    const rssStart = rssMb(notifier.pid);
    let rssPeak = rssStart;
    const rssSampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMb(notifier.pid));
    }, 250);
    log(`notifier ready (rss ${round(rssStart)} MB); ${EMAILS} user.registered events`);

    const writeEvents = async (slice: string[]) => {
      await database.pool.query(
        `INSERT INTO outbox (event_type, payload)
         SELECT 'user.registered', jsonb_build_object('userId', id) FROM unnest($1::uuid[]) AS u(id)`,
        [slice],
      );
    };
    const cpuStart = cpuMs(notifier.pid);
    const pgTree = processTree(`port=${postgres.port}`);
    const redisTree = processTree(`redis-server 127.0.0.1:${redis.port}`);
    const pgStart = treeCpuMs(pgTree);
    const redisStart = treeCpuMs(redisTree);
    const sinkStart = process.cpuUsage();
    const started = Date.now();
    for (let i = 0; i < EMAILS; i += 1_000) await writeEvents(ids.slice(i, Math.min(EMAILS, i + 1_000)));
    const written = Date.now();
    await box.waitFor(EMAILS, 300_000);
    const last = Math.max(...box.received.values());
    const emailsPerS = EMAILS / ((last - started) / 1000);
    const rssAfterBurst = rssMb(notifier.pid);
    const notifierCpuPerEmail = (cpuMs(notifier.pid) - cpuStart) / EMAILS;
    const pgCpuPerEmail = (treeCpuMs(processTree(`port=${postgres.port}`)) - pgStart) / EMAILS;
    const redisCpuPerEmail = (treeCpuMs(redisTree) - redisStart) / EMAILS;
    const sinkCpu = process.cpuUsage(sinkStart);
    const sinkCpuPerEmail = (sinkCpu.user + sinkCpu.system) / 1000 / EMAILS;
    log(`notifier: ${Math.round(emailsPerS)} emails/s (events written in ${written - started} ms)`);

    const latencies = async (fromId: number) => {
      const { rows } = await database.pool.query<{ message_id: string; created_ms: number }>(
        `SELECT d.message_id, (extract(epoch from o.created_at) * 1000)::float8 AS created_ms
           FROM email_deliveries d JOIN outbox o ON o.id = d.event_id
          WHERE o.id > $1`,
        [fromId],
      );
      return rows.flatMap((row) => {
        const at = box.received.get(row.message_id);
        return at === undefined ? [] : [at - row.created_ms];
      });
    };
    const burst = await latencies(0);

    // 3. Latency at a sustainable pace: half the measured throughput, for 5 seconds.
    const { rows: maxRow } = await database.pool.query<{ id: number }>(
      'SELECT coalesce(max(id), 0)::int AS id FROM outbox',
    );
    const pacedFrom = maxRow[0]?.id ?? 0;
    // BENCH_PACED_RATE pins it, to compare latencies of two versions at the same pace.
    const rate = Number(process.env.BENCH_PACED_RATE ?? 0) || Math.max(50, Math.floor(emailsPerS / 2));
    const tick = 50;
    const perTick = Math.max(1, Math.round((rate * tick) / 1000));
    const pacedCount = Math.min(10_000, perTick * (5_000 / tick));
    box.received.clear();
    const pacedStart = Date.now();
    for (let i = 0; i < pacedCount; i += perTick) {
      const due = pacedStart + (i / perTick) * tick;
      if (due > Date.now()) await sleep(due - Date.now());
      await writeEvents(ids.slice(EMAILS + i, EMAILS + Math.min(pacedCount, i + perTick)));
    }
    await box.waitFor(pacedCount, 60_000);
    const paced = await latencies(pacedFrom);
    const rssAfterPaced = rssMb(notifier.pid);
    await sleep(RSS_SETTLE_MS);
    clearInterval(rssSampler);
    const rssEnd = rssMb(notifier.pid);

    const { rows: notSent } = await database.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM email_deliveries WHERE status <> 'sent'",
    );
    const duplicates = box.duplicates();
    notifier.kill('SIGTERM');
    await new Promise((r) => notifier.once('exit', r));
    await database.close();

    // 4. The ceiling's second half, with the notifier gone.
    box.received.clear();
    raw.stdin?.write('go\n');
    const rawSecond = await rawHalves.next();
    await box.waitFor(rawSecond.count, 60_000);
    await new Promise<void>((resolve, reject) =>
      raw.exitCode === 0
        ? resolve()
        : raw.once('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`raw sender exited ${code}`)),
          ),
    );
    const rawPerS = EMAILS / ((rawFirst.elapsedMs + rawSecond.elapsedMs) / 1000);
    const rawCpuMs = rawFirst.cpuMs + rawSecond.cpuMs;
    log(`ceiling, second half: ${Math.round(perSecond(rawSecond))} emails/s; both: ${Math.round(rawPerS)}`);

    const result = {
      bench: 'notifier',
      emails: EMAILS,
      emails_per_s: round(emailsPerS),
      raw_emails_per_s: round(rawPerS),
      ratio_vs_raw: round(emailsPerS / rawPerS, 3),
      raw_first_half_emails_per_s: round(perSecond(rawFirst)),
      raw_second_half_emails_per_s: round(perSecond(rawSecond)),
      smtp_connections: SMTP_POOL.maxConnections,
      raw_smtp_connections: RAW_CONNECTIONS,
      smtp_max_messages_per_connection: SMTP_POOL.maxMessages,
      notifier_cpu_ms_per_email: round(notifierCpuPerEmail, 2),
      raw_cpu_ms_per_email: round(rawCpuMs / EMAILS, 2),
      postgres_cpu_ms_per_email: round(pgCpuPerEmail, 2),
      redis_cpu_ms_per_email: round(redisCpuPerEmail, 2),
      sink_cpu_ms_per_email: round(sinkCpuPerEmail, 2),
      rss_start_mb: round(rssStart),
      rss_after_burst_mb: round(rssAfterBurst),
      rss_after_paced_mb: round(rssAfterPaced),
      rss_peak_mb: round(rssPeak),
      rss_end_mb: round(rssEnd),
      rss_growth_mb: round(rssEnd - rssStart),
      e2e_event_to_smtp_p50_ms: round(percentile(paced, 50)),
      e2e_event_to_smtp_p95_ms: round(percentile(paced, 95)),
      e2e_paced_rate_per_s: rate,
      e2e_paced_emails: paced.length,
      e2e_burst_p95_ms: round(percentile(burst, 95)),
      duplicates_received: duplicates,
      deliveries_not_sent: notSent[0]?.n ?? 0,
      bench_process_rss_mb: round((process.memoryUsage().rss - rssBench) / 1024 / 1024),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await sink.stop();
    await Promise.allSettled([redis.stop(), postgres.stop()]);
  }
}

if (process.argv.includes('--raw-sender')) {
  await rawSender();
} else {
  await main();
}
