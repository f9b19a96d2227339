import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
          environment: 'node',
          // Tests run on the virtual clock; a timeout only guards against hangs on a loaded machine.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'kubectl',
          include: ['test/kubectl/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One adapter per file; files in parallel would fight over the two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
