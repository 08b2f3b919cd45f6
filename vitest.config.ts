import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    // Temporal's native worker and real servers behave best in child processes.
    pool: 'forks',
    // Above test/support/stack.ts patienceMs: a slow machine makes tests slow, never red.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
