import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The reference modules are pure (no database), so their tests run without the root config's
 * globalSetup, which starts PostgreSQL:
 * `pnpm exec vitest run --config packages/db/src/reference/vitest.reference.config.ts`.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.test.ts'],
    testTimeout: 30_000,
  },
});
