import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Waits until the page `name` shows and none of its widgets is loading; returns each widget's state. */
export async function settledWidgets(page: Page, name: string): Promise<Record<string, string>> {
  await page.locator(`[data-page="${name}"]`).waitFor();
  await expect
    .poll(() => page.locator('[data-widget][data-state="loading"]').count(), { timeout: 30_000 })
    .toBe(0);
  const states = await page
    .locator('[data-widget]')
    .evaluateAll((elements) =>
      elements.map((e) => [e.getAttribute('data-widget'), e.getAttribute('data-state')]),
    );
  return Object.fromEntries(states);
}

/** As settledWidgets, and waits for the page's own loading placeholders too (the overview's KPI cards are no widgets). */
export async function settledPage(page: Page, name: string): Promise<Record<string, string>> {
  const states = await settledWidgets(page, name);
  await expect.poll(() => page.locator('main .spinner').count(), { timeout: 30_000 }).toBe(0);
  return states;
}
