import type { Page } from 'playwright-core';

/**
 * The number a KPI card shows, read back from its text as en-US formats it: "€1,841,566" is
 * 1841566, "50.7%" is 0.507, "2.64×" is 2.64, "—" is null. The half unit of the last digit
 * shown comes with it, so a test can check the API's value rounds to what is on screen.
 */
export function readShown(text: string): { value: number | null; tolerance: number } {
  const trimmed = text.trim();
  if (trimmed === '—') return { value: null, tolerance: 0 };
  const percent = trimmed.endsWith('%');
  const digits = trimmed.replace(/[^0-9.-]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(digits)) throw new Error(`not a number on screen: "${text}"`);
  const decimals = digits.includes('.') ? (digits.split('.')[1]?.length ?? 0) : 0;
  const scale = percent ? 100 : 1;
  return { value: Number(digits) / scale, tolerance: (0.5 * 10 ** -decimals) / scale + 1e-12 };
}

/** The texts of every KPI card on the page, by KPI key. */
export async function shownKpis(page: Page): Promise<Record<string, string>> {
  const cards = page.locator('[data-kpi][data-state="ready"]');
  const shown: Record<string, string> = {};
  for (const card of await cards.all()) {
    const key = await card.getAttribute('data-kpi');
    const value = await card.locator('[data-role="value"]').textContent();
    if (key) shown[key] = value ?? '';
  }
  return shown;
}

/** Differences between what the cards show and the API's values; empty when all agree. */
export function mismatches(
  shown: Record<string, string>,
  api: Record<string, { value: number | null }>,
): string[] {
  const wrong: string[] = [];
  for (const [key, text] of Object.entries(shown)) {
    const expected = api[key]?.value;
    if (expected === undefined) {
      wrong.push(`${key}: not in the API's answer`);
      continue;
    }
    const { value, tolerance } = readShown(text);
    const agrees =
      value === null
        ? expected === null
        : expected !== null && Math.abs(value - expected) <= tolerance;
    if (!agrees) wrong.push(`${key}: shows "${text}", the API says ${String(expected)}`);
  }
  return wrong;
}
