import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type BrowserSession, type LaunchOptions } from './browser.js';
import { servedDemo, type ServedDemo } from './served-demo.js';

/** A served demo shop and a Chromium page on it, for the tests of one file. */
export interface DashboardSession {
  readonly demo: ServedDemo;
  readonly browser: BrowserSession;
  readonly page: Page;
}

/**
 * Starts `clv serve` on a copy of the demo shop and Chromium with one page before the file's
 * tests, and stops both after them. The first file of a run also builds the cached demo store
 * (a few seconds), hence the long limit.
 */
export function dashboardSession(
  serve: Parameters<typeof servedDemo>[0] = {},
  launch: LaunchOptions = {},
): DashboardSession {
  let demo: ServedDemo | undefined;
  let browser: BrowserSession | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    demo = await servedDemo(serve);
    browser = await launchBrowser(launch);
    page = await browser.newPage();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the dashboard session has not started');
    return value;
  };
  return {
    get demo() {
      return started(demo);
    },
    get browser() {
      return started(browser);
    },
    get page() {
      return started(page);
    },
  };
}
