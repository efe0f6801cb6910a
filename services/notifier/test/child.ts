import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Child, spawnChild } from '@passerelle/testkit';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MAIN = path.join(ROOT, 'services', 'notifier', 'src', 'main.ts');

export interface NotifierProcess extends Child {
  /** Resolves when the process says it is ready (needs LOG_LEVEL info or lower). */
  ready: Promise<void>;
}

/**
 * The notifier as production runs it: its own process, from main.ts. Node loads tsx as a hook
 * (`node --import tsx`) rather than through the `tsx` command, whose wrapper process would take the
 * kill -9 while the real notifier, its child, went on running.
 */
export function spawnNotifier(env: Record<string, string | undefined>): NotifierProcess {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries({ PATH: process.env.PATH, HOME: process.env.HOME, ...env })) {
    if (value !== undefined) clean[key] = value;
  }
  const child = spawnChild(process.execPath, ['--import', 'tsx', MAIN], { cwd: ROOT, env: clean });
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes('notifier and outbox relay ready')) {
        child.process.stdout?.off('data', onData);
        resolve();
      }
    };
    child.process.stdout?.on('data', onData);
    child.process.once('exit', (code, signal) =>
      reject(new Error(`notifier exited (${signal ?? code}) before it was ready:\n${child.output()}`)),
    );
  });
  // Only a test waiting for readiness cares about an early exit.
  ready.catch(() => {});
  return { ...child, ready };
}
