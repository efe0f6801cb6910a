import { execFileSync } from 'node:child_process';
import { createDatabase, startPostgres } from './packages/testkit/src/postgres';
const pgh = await startPostgres();
try {
  await createDatabase(pgh.url, 'seedbench');
  const url = pgh.urlFor('seedbench');
  const args = process.argv.slice(2);
  const t = Date.now();
  const out = execFileSync('node_modules/.bin/tsx', ['scripts/seed.ts', ...args], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
  console.log(out.toString());
  console.log('total wall', Date.now() - t, 'ms (includes migrate)');
  try {
    execFileSync('node_modules/.bin/tsx', ['scripts/seed.ts', ...args], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (e) { console.log('second run exit', (e as { status?: number }).status); }
  try {
    execFileSync('node_modules/.bin/tsx', ['scripts/seed.ts', '--force'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (e) { console.log('forced run exit', (e as { status?: number }).status); }
} finally {
  await pgh.stop();
}
