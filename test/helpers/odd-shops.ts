import { Random } from '../../src/shared/random.js';

/** The odd kinds of shop a new user brings first. */
export const ODD_KINDS = [
  'tiny',
  'one-customer',
  'one-time-buyers',
  'all-on-one-day',
  'constant-prices',
  'zero-amounts',
  'heavy-outliers',
  'daily-buyers',
  'mixed',
] as const;

export type OddKind = (typeof ODD_KINDS)[number];

export interface OddShop {
  kind: OddKind;
  seed: number;
  customers: number;
  /** An events CSV: customer_id, type, timestamp, order_id, amount, status. */
  csv: string;
}

const HEADER = 'customer_id,type,timestamp,order_id,amount,status';
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);

/**
 * A seeded odd shop: the kind cycles with the seed so every kind comes up in any run of
 * nine or more. Sizes stay small (1–500 customers, at most a few thousand orders) so that
 * a run of many shops is quick.
 */
export function oddShop(seed: number): OddShop {
  const kind = ODD_KINDS[seed % ODD_KINDS.length] ?? 'mixed';
  const random = new Random(seed * 7919 + 1);
  const rows: string[] = [];
  let order = 0;
  const add = (customer: number, day: number, amount: number, status = 'success') => {
    order += 1;
    const time = new Date(START + day * DAY + random.int(0, 86_399) * 1000).toISOString();
    rows.push(`c${customer},purchase,${time},o${order},${amount},${status}`);
  };
  const price = () => Math.round(random.uniform(3, 120) * 100) / 100;
  let customers = 1;
  switch (kind) {
    case 'tiny':
      customers = random.int(1, 5);
      for (let c = 0; c < customers; c++) {
        for (let n = random.int(1, 4); n > 0; n--) add(c, random.int(0, 500), price());
      }
      break;
    case 'one-customer':
      for (let n = random.int(1, 30); n > 0; n--) add(0, random.int(0, 700), price());
      break;
    case 'one-time-buyers':
      customers = random.int(2, 500);
      for (let c = 0; c < customers; c++) add(c, random.int(0, 700), price());
      break;
    case 'all-on-one-day': {
      customers = random.int(2, 300);
      const day = random.int(0, 700);
      for (let c = 0; c < customers; c++) {
        for (let n = random.int(1, 3); n > 0; n--) add(c, day, price());
      }
      break;
    }
    case 'constant-prices':
      customers = random.int(2, 300);
      for (let c = 0; c < customers; c++) {
        for (let n = random.int(1, 6); n > 0; n--) add(c, random.int(0, 700), 9.99);
      }
      break;
    case 'zero-amounts':
      customers = random.int(2, 300);
      for (let c = 0; c < customers; c++) {
        for (let n = random.int(1, 6); n > 0; n--) {
          add(c, random.int(0, 700), random.chance(0.8) ? 0 : price());
        }
      }
      break;
    case 'heavy-outliers':
      customers = random.int(20, 400);
      for (let c = 0; c < customers; c++) {
        for (let n = random.int(1, 6); n > 0; n--) {
          add(c, random.int(0, 700), random.chance(0.02) ? 1e12 : price());
        }
      }
      break;
    case 'daily-buyers':
      customers = random.int(1, 4);
      for (let c = 0; c < customers; c++) {
        const first = random.int(0, 30);
        for (let day = first; day < first + random.int(400, 1000); day++) add(c, day, price());
      }
      break;
    case 'mixed':
      customers = random.int(1, 500);
      for (let c = 0; c < customers; c++) {
        const first = random.int(0, 700);
        for (let n = random.int(1, 8); n > 0; n--) {
          const status = random.chance(0.1)
            ? 'returned'
            : random.chance(0.05)
              ? 'canceled'
              : 'success';
          add(c, first + random.int(0, 400), price(), status);
        }
      }
      break;
  }
  return { kind, seed, customers, csv: [HEADER, ...rows].join('\n') + '\n' };
}
