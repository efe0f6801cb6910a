// `npm test`: the same bootstrap as `npm start`, then every test against real services.
// Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { bootstrap, ROOT } from './bootstrap.mjs';

const pnpm = bootstrap({ needDatabase: true, needRedis: true, needBrowser: true });
const results = path.join(ROOT, '.test-results.json');
rmSync(results, { force: true });

const started = Date.now();
const [cmd, ...pre] = pnpm;
const extra = process.argv.slice(2);
const run = spawnSync(
  cmd,
  [
    ...pre,
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${results}`,
    ...extra,
  ],
  {
    stdio: 'inherit',
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR },
  },
);
const seconds = ((Date.now() - started) / 1000).toFixed(1);

let passed = 0;
let failed = 0;
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // A file that failed to load counts as a failure even if it declared no test.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
} else {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
process.stdout.write(`test wall time: ${seconds} s\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
