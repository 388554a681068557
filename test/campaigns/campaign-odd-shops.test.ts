import { describe, expect, it } from 'vitest';
import { campaignReport } from '../../src/campaigns/campaign-report.js';
import { listCampaigns } from '../../src/campaigns/list-campaigns.js';
import { TABLE } from '../../src/model/table-names.js';
import { refreshAll } from '../../src/pipeline/refresh-all.js';
import { Random } from '../../src/shared/random.js';
import { importedShop } from '../helpers/imported-shop.js';
import { insertActivation, insertAudience } from './campaign-shop.js';

// 8 shops by default (every oddity once), 40 with CLV_THOROUGH=1.
const SHOPS = process.env['CLV_THOROUGH'] === '1' ? 40 : 8;
const ODDITIES = [
  'one-customer',
  'only-sent',
  'no-orders',
  'constant-amounts',
  'no-audience',
  'empty-control',
  'unmapped-actions',
  'mixed',
] as const;
type Oddity = (typeof ODDITIES)[number];

const START = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
const ACTIONS = ['sent', 'delivered', 'opened', 'clicked', 'unsubscribed', 'bounced'];

interface OddCampaignShop {
  oddity: Oddity;
  events: string;
  /** Activations: audience, created day, control customers, controlled day. */
  activations: { audience: string; created: number; controls: string[]; controlled: number }[];
}

function oddCampaignShop(seed: number): OddCampaignShop {
  const oddity = ODDITIES[seed % ODDITIES.length] ?? 'mixed';
  const random = new Random(seed * 104_729 + 7);
  const customers = oddity === 'one-customer' ? 1 : random.int(2, 40);
  const ids = Array.from({ length: customers }, (_, i) => `c${i}`);
  const lines = [
    'event_id,customer_id,type,timestamp,order_id,amount,status,campaign_id,channel,action,audience_id',
  ];
  const iso = (day: number) => new Date(START + day * DAY).toISOString();
  let n = 0;
  const audiences = oddity === 'no-audience' ? [''] : ['', 'aud_1', 'aud_w'];
  const actions =
    oddity === 'only-sent'
      ? ['sent']
      : oddity === 'unmapped-actions'
        ? ['sent', 'weird', 'Clicked']
        : ACTIONS;
  for (let c = 0; c < 3; c++) {
    const audience = audiences[(c + seed) % audiences.length] ?? '';
    // The third campaign goes out after every order: its window is still open.
    const sendDay = c === 2 ? 160 : random.uniform(0, 120);
    for (const id of ids) {
      if (!random.chance(0.7) && ids.length > 1) continue;
      for (const action of actions) {
        if (action !== 'sent' && !random.chance(0.5)) continue;
        const day = sendDay + (action === 'sent' ? 0 : random.uniform(0, 5));
        lines.push(
          `e${n++},${id},campaign,${iso(day)},,,,camp${c},${random.chance(0.8) ? 'email' : 'sms'},${action},${audience}`,
        );
      }
    }
  }
  if (oddity !== 'no-orders') {
    for (const id of ids) {
      for (let k = 0; k < random.int(0, 4); k++) {
        const amount =
          oddity === 'constant-amounts' ? 10 : random.chance(0.2) ? 0 : random.uniform(1, 200);
        const status = random.chance(0.15)
          ? 'canceled'
          : random.chance(0.1)
            ? 'returned'
            : 'success';
        lines.push(
          `e${n++},${id},purchase,${iso(random.uniform(0, 150))},o${n},${amount.toFixed(2)},${status},,,,`,
        );
      }
    }
  }
  const activations = ['aud_1', 'aud_w'].flatMap((audience) =>
    random.chance(0.8)
      ? [
          {
            audience,
            created: random.chance(0.7) ? -10 : random.uniform(0, 100),
            controls:
              oddity === 'empty-control'
                ? []
                : oddity === 'one-customer'
                  ? ids
                  : ids.filter(() => random.chance(0.3)),
            controlled: random.chance(0.7) ? -5 : random.uniform(0, 110),
          },
        ]
      : [],
  );
  return { oddity, events: lines.join('\n'), activations };
}

const stamp = (day: number) =>
  new Date(START + day * DAY).toISOString().replace('T', ' ').replace('Z', '');

/** Numbers anywhere in an answer that are not finite. */
function nonFinite(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  }
  return [];
}

describe(`the campaign analysis on ${SHOPS} small, odd shops`, () => {
  it(
    'refreshes, stores only finite numbers and gives a reason for every absent lift',
    async () => {
      const reasons = new Set<string>();
      let lifts = 0;
      for (let seed = 1; seed <= SHOPS; seed++) {
        const shop = oddCampaignShop(seed);
        const about = `shop ${seed} (${shop.oddity})`;
        const t = await importedShop({
          config: { refresh: { cron: null } },
          files: [{ kind: 'events', content: shop.events }],
        });
        try {
          await insertAudience(t.warehouse, 'aud_1', 'One', null);
          await insertAudience(t.warehouse, 'aud_w', 'Lapsed', 'winback');
          for (const [i, a] of shop.activations.entries()) {
            await insertActivation(
              t.warehouse,
              `act_${i}`,
              a.audience,
              stamp(a.created),
              a.controls,
              stamp(a.controlled),
            );
          }
          const summary = await refreshAll(t.warehouse, t.project.config);
          // The step writes its tables without the string compressions and must leave the
          // engine's settings as it found them, for every later write.
          const [settings] = await t.query<{ disabled: string; ordered: boolean }>(
            `SELECT current_setting('disabled_compression_methods') AS disabled,
                  current_setting('preserve_insertion_order') AS ordered`,
          );
          expect(settings, about).toEqual({ disabled: '', ordered: true });
          if (shop.oddity === 'unmapped-actions') {
            expect(
              summary.warnings.some((w) => w.includes('campaign.actionValues')),
              about,
            ).toBe(true);
          }
          const tables = Object.values(TABLE).filter((name) => name.startsWith('campaign_'));
          const columns = await t.query<{ table_name: string; column_name: string }>(
            `SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = 'main' AND data_type = 'DOUBLE'
             AND list_contains(['${tables.join("','")}'], table_name)`,
          );
          for (const { table_name, column_name } of columns) {
            const [bad] = await t.query<{ n: number }>(
              `SELECT count(*) AS n FROM ${table_name} WHERE NOT isfinite("${column_name}")`,
            );
            expect(bad?.n, `${about}: ${table_name}.${column_name}`).toBe(0);
          }
          const list = await listCampaigns(t.warehouse, t.project.config);
          expect(nonFinite(list), about).toEqual([]);
          for (const campaign of list.campaigns) {
            // Every campaign × audience has a lift or a reason, never both.
            expect(campaign.lift.length + campaign.liftAbsent.length, about).toBe(
              campaign.audiences.length,
            );
            for (const absent of campaign.liftAbsent) {
              expect(absent.message.length, about).toBeGreaterThan(10);
              reasons.add(absent.reason);
            }
            for (const lift of campaign.lift) {
              lifts++;
              expect(lift.conversion.low, about).toBeLessThanOrEqual(lift.conversion.value);
              expect(lift.conversion.high, about).toBeGreaterThanOrEqual(lift.conversion.value);
              expect(
                Math.min(lift.treated.customers, lift.control.customers),
              ).toBeGreaterThanOrEqual(2);
            }
            const report = await campaignReport(t.warehouse, t.project.config, campaign.id);
            expect(nonFinite(report), about).toEqual([]);
          }
          for (const winback of list.winback) {
            const compared = winback.windows.some((w) => w.difference !== null);
            expect(compared || winback.reason !== null, about).toBe(true);
          }
        } finally {
          await t.cleanup();
        }
      }
      if (SHOPS >= ODDITIES.length) {
        expect([...reasons].sort()).toEqual([
          'no-activation',
          'no-audience',
          'no-control-group',
          'too-few-customers',
          'window-open',
        ]);
      }
      console.log(`absent-lift reasons met: ${[...reasons].sort().join(', ')}; lifts: ${lifts}`);
    },
    SHOPS * 20_000,
  );
});
