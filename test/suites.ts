/**
 * The test files that need the built CLI (`dist/`) or Chromium: folders (ending in `/`) and
 * files. `npm run test:unit` runs every other test file; `npm test` runs them all.
 * `test/suites.test.ts` holds the list against what the files import.
 */
export const NEEDS_BUILD_OR_BROWSER = [
  'test/bench/bench-smoke.test.ts',
  'test/cli/',
  'test/web/',
  'test/customers/customers-cli.test.ts',
  'test/server/answer-schemas.test.ts',
  'test/server/durability.test.ts',
  'test/hardening/http-answer-bounds.test.ts',
  'test/hardening/http-client-input.test.ts',
  'test/hardening/http-cross-site.test.ts',
  'test/hardening/http-fuzz.test.ts',
  'test/hardening/http-log-secrets.test.ts',
  'test/hardening/http-scratch-files.test.ts',
  'test/hardening/import-kill-http.test.ts',
  'test/hardening/import-kill.test.ts',
  'test/hardening/import-kind.test.ts',
  'test/hardening/import-messages.test.ts',
  'test/hardening/import-ranges.test.ts',
  'test/hardening/rates-range.test.ts',
  'test/hardening/refresh-bad-rows.test.ts',
];

/** The list as globs for vitest. */
export function needsBuildOrBrowserGlobs(): string[] {
  return NEEDS_BUILD_OR_BROWSER.map((entry) =>
    entry.endsWith('/') ? `${entry}**/*.test.ts` : entry,
  );
}

/** Whether a test file (a path from the project's root, with `/`) is in the list. */
export function needsBuildOrBrowser(file: string): boolean {
  return NEEDS_BUILD_OR_BROWSER.some((entry) =>
    entry.endsWith('/') ? file.startsWith(entry) : file === entry,
  );
}
