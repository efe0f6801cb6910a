import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@passerelle/config';
import {
  type Child,
  createTestDatabase,
  freePort,
  type SmtpSink,
  spawnChild,
  startSmtpSink,
  type TestDatabase,
  testEnv,
} from '@passerelle/testkit';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../services/api/src/app';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(ROOT, 'services/web/dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, '.test-artifacts', 'screenshots');

/** Browser tests need Debian's Chromium and the built web app; CI installs and builds both. */
export const browserAvailable = existsSync(CHROMIUM) && existsSync(path.join(WEB_DIST, 'index.html'));

export interface Stack {
  baseUrl: string;
  app: FastifyInstance;
  database: TestDatabase;
  sink: SmtpSink;
  browser: Browser;
  close(): Promise<void>;
}

/** The real stack: api serving the built web app, the notifier (with the outbox relay) and an SMTP sink. */
export async function startStack(): Promise<Stack> {
  const database = await createTestDatabase();
  const sink = await startSmtpSink();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = testEnv({
    DATABASE_URL: database.url,
    SMTP_URL: sink.url,
    PUBLIC_URL: baseUrl,
    WEB_DIST,
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  const app = await buildApp(parseConfig(env), { logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const notifier: Child = spawnChild(tsx, [path.join(ROOT, 'services/notifier/src/main.ts')], {
    env: { ...process.env, ...env },
    cwd: ROOT,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl,
    app,
    database,
    sink,
    browser,
    close: async () => {
      await browser.close().catch(() => {});
      await notifier.stop(5_000);
      await app.close();
      await sink.stop();
      await database.close();
    },
  };
}

const require = createRequire(import.meta.url);
const axeSource: string = require('axe-core').source;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** axe-core in the page: the serious and critical violations (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the app's Content-Security-Policy (script-src 'self') rightly
  // refuses an inline <script>, and the test must not loosen it.
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.evaluate(axeSource);
  // A string, evaluated in the page: the test's TypeScript has no DOM types.
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

let shot = 0;
/** A screenshot of every page visited, for a person to look at (ignored by git). */
export async function screenshot(page: Page, name: string): Promise<void> {
  shot += 1;
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${String(shot).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}
