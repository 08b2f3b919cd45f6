import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/global-setup.ts'],
    // Temporal's native worker and real servers behave best in child processes.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
