import { defineConfig } from 'vitest/config';
import { StartOrder } from './test/start-order.js';
import { needsBuildOrBrowserGlobs } from './test/suites.js';

const ALL = ['test/**/*.test.ts', 'src/**/*.test.ts', 'web/src/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Three files at once on two cores: the files wait on servers, CLI processes and Chromium
    // often enough that two kept the cores about 70 % busy. Measured on 2 cores: 882 s with two,
    // 824 s with three (and every test passing).
    maxWorkers: 3,
    // A few long files first, whatever the cache of the last run says (see test/start-order.ts).
    sequence: { sequencer: StartOrder },
    // `npm run test:unit` runs the first: neither a build nor Chromium.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ALL,
          exclude: needsBuildOrBrowserGlobs(),
          // A fresh module graph per file (DuckDB, Fastify, zod and our modules imported again
          // for every file) cost about a third of these files' time; they keep no module state
          // between files, so a worker runs its files one after another in one graph.
          isolate: false,
        },
      },
      {
        extends: true,
        // The same for the files that drive servers, CLI processes and Chromium: their own
        // modules (Playwright, the helpers, our schemas) are loaded once per worker, not per file.
        test: { name: 'built', include: needsBuildOrBrowserGlobs(), isolate: false },
      },
    ],
  },
});
