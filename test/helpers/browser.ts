import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The Chromium the browser tests drive: Debian's, unless `CLV_CHROMIUM` names another. */
export function chromiumPath(): string {
  return process.env.CLV_CHROMIUM || '/usr/bin/chromium';
}

/** The switches the tests launch Chromium with (Playwright adds its own automation ones). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** A URL a test expects to fail: a substring of the URL, or a pattern tested against it. */
export type UrlPattern = string | RegExp;

export interface BrowserSession {
  context: BrowserContext;
  /** A new page of the session; what goes wrong on it is collected like on every other page. */
  newPage(): Promise<Page>;
  /** Console errors, uncaught page errors, crashes and failed requests seen so far, in order. */
  consoleErrors(): string[];
  /** Declares that requests to matching URLs may fail (status ≥ 400) without it being an error. */
  expectFailure(pattern: UrlPattern): void;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Requests expected to fail from the start (see `expectFailure`). */
  expectedFailures?: readonly UrlPattern[];
}

/**
 * Launches Chromium headless with a fresh profile in a temp folder (so nothing is cached from
 * an earlier run) and collects every error its pages show, for a test to assert there were none.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'clv-chromium-'));
  let context: BrowserContext;
  try {
    // Playwright refuses `--user-data-dir` in `args`: a profile folder means a persistent context.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath(),
      args: [...CHROMIUM_ARGS],
      headless: true,
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }

  const expected: UrlPattern[] = [...(options.expectedFailures ?? [])];
  const isExpected = (url: string): boolean =>
    expected.some((pattern) =>
      typeof pattern === 'string' ? url.includes(pattern) : pattern.test(url),
    );
  const errors: string[] = [];

  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    // Chromium logs every failed load as a console error too; an expected failure is no error.
    if (message.text().startsWith('Failed to load resource') && isExpected(url)) return;
    errors.push(`console error: ${message.text()}${url ? ` (${url})` : ''}`);
  });
  context.on('weberror', (error) =>
    errors.push(`page error: ${error.error().stack ?? error.error().message}`),
  );
  context.on('response', (response) => {
    if (response.status() >= 400 && !isExpected(response.url())) {
      errors.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    }
  });
  context.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // Aborted requests are the page's own doing (a navigation, an AbortController), not faults.
    if (failure === 'net::ERR_ABORTED' || isExpected(request.url())) return;
    errors.push(`request failed (${failure}): ${request.method()} ${request.url()}`);
  });
  context.on('page', (page) => page.on('crash', () => errors.push(`page crashed: ${page.url()}`)));

  let closed: Promise<void> | null = null;
  return {
    context,
    newPage: () => context.newPage(),
    consoleErrors: () => [...errors],
    expectFailure(pattern) {
      expected.push(pattern);
    },
    close() {
      closed ??= context
        .close()
        .finally(() => rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }));
      return closed;
    },
  };
}

/**
 * With CLV_SCREENSHOTS=1, saves a full-page screenshot as `test-results/screenshots/<name>.png`
 * and returns its path; otherwise only checks the name and returns null. The pictures are for
 * people to look at, and some 60 of them cost about half a minute of every test run.
 */
export async function screenshot(page: Page, name: string): Promise<string | null> {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) {
    throw new Error(`a screenshot name is a plain file name, not ${JSON.stringify(name)}`);
  }
  if (process.env['CLV_SCREENSHOTS'] !== '1') return null;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
