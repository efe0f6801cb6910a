// `npm start`: one command from a fresh clone to a running Passerelle.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { bootstrap, ROOT } from './bootstrap.mjs';

const needs = {
  needDatabase: !process.env.DATABASE_URL,
  needRedis: !process.env.REDIS_URL,
};
try {
  bootstrap(needs);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [path.join(ROOT, 'scripts', 'start.ts')], { stdio: 'inherit', cwd: ROOT });
// The orchestrator handles Ctrl-C itself; we only wait for it to finish.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
