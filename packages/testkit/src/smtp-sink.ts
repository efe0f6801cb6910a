import http from 'node:http';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './ports';

export interface ReceivedMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  receivedAt: Date;
}

export type RecipientVerdict = 'accept' | 'temporary' | 'permanent';

export interface SmtpSink {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the first message matching (already received or arriving before the timeout). */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  waitForCount(
    predicate: (mail: ReceivedMail) => boolean,
    count: number,
    timeoutMs?: number,
  ): Promise<ReceivedMail[]>;
  /** Decides per recipient: accept, 4xx (retry later) or 5xx (never). */
  setRecipientPolicy(policy: (address: string) => RecipientVerdict): void;
  clear(): void;
  /** Web view of the mailbox (html list + JSON at /api/messages), bound to 127.0.0.1. */
  webUrl?: string;
  stop(): Promise<void>;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export async function startSmtpSink(
  options: { port?: number; webPort?: number; keep?: number } = {},
): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let policy: (address: string) => RecipientVerdict = () => 'accept';
  let nextId = 1;
  const keep = options.keep ?? 100_000;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const verdict = policy(address.address);
      if (verdict === 'permanent') {
        const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        return callback(error);
      }
      if (verdict === 'temporary') {
        const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const [key, value] of parsed.headers) {
            headers[key] = typeof value === 'string' ? value : JSON.stringify(value);
          }
          for (const line of parsed.headerLines) {
            // Keep raw values of the headers tests read (List-Unsubscribe is parsed into an object).
            const raw = line.line.slice(line.line.indexOf(':') + 1).trim();
            headers[line.key] = raw.replace(/\r?\n\s+/g, ' ');
          }
          messages.push({
            id: nextId++,
            from: addresses(parsed.from)[0] ?? '',
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId ?? '',
            headers,
            receivedAt: new Date(),
          });
          if (messages.length > keep) messages.splice(0, messages.length - keep);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  server.on('error', () => {});

  let web: http.Server | undefined;
  let webUrl: string | undefined;
  if (options.webPort !== undefined) {
    web = http.createServer((req, res) => {
      if (req.url?.startsWith('/api/messages')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(messages.slice(-200).reverse()));
        return;
      }
      const match = req.url?.match(/^\/messages\/(\d+)$/);
      const mail = match ? messages.find((m) => m.id === Number(match[1])) : undefined;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      if (mail) {
        res.end(mail.html || `<pre>${escapeHtml(mail.text)}</pre>`);
        return;
      }
      const rows = messages
        .slice(-200)
        .reverse()
        .map(
          (m) =>
            `<tr><td>${m.receivedAt.toISOString()}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
        )
        .join('');
      res.end(
        `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Boîte mail locale – Passerelle</title></head><body><h1>Boîte mail locale</h1><p>${messages.length} message(s). Rechargez la page pour voir les nouveaux.</p><table><thead><tr><th scope="col">Reçu</th><th scope="col">Destinataire</th><th scope="col">Objet</th></tr></thead><tbody>${rows}</tbody></table></body></html>`,
      );
    });
    const webPort = options.webPort || (await freePort());
    await new Promise<void>((resolve) => web?.listen(webPort, '127.0.0.1', () => resolve()));
    webUrl = `http://127.0.0.1:${webPort}`;
  }

  const waitForCount = (predicate: (m: ReceivedMail) => boolean, count: number, timeoutMs = 10_000) =>
    new Promise<ReceivedMail[]>((resolve, reject) => {
      const check = () => {
        const found = messages.filter(predicate);
        if (found.length >= count) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(
          new Error(
            `SMTP sink: ${messages.filter(predicate).length}/${count} matching message(s) after ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor: async (predicate, timeoutMs) => {
      const [first] = await waitForCount(predicate, 1, timeoutMs);
      if (!first) throw new Error('unreachable');
      return first;
    },
    waitForCount,
    setRecipientPolicy: (p) => {
      policy = p;
    },
    clear: () => {
      messages.length = 0;
    },
    webUrl,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (web) await new Promise<void>((resolve) => web?.close(() => resolve()));
    },
  };
}
