import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { defaultConfigText } from '../../src/config/default-file.js';
import { defaultConfig } from '../../src/config/schema.js';

const FILE = '/p/clv.config.json';

describe('project config', () => {
  it('fills every key with the canonical defaults', () => {
    const config = parseConfig('{}', FILE);
    expect(config.baseCurrency).toBe('EUR');
    expect(config.timezone).toBe('UTC');
    expect(config.churnWindowDays).toBe(365);
    expect(config.columns).toEqual({
      eventId: 'event_id',
      customerId: 'customer_id',
      type: 'type',
      timestamp: 'timestamp',
    });
    expect(config.purchase.successValues).toEqual(['success']);
    expect(config.purchase.statusWhenMissing).toBe('success');
    expect(config.consent.emailCategories).toEqual(['newsletter']);
    expect(config.model).toEqual({
      purchaseModel: 'auto',
      holdoutMonths: null,
      timeUnit: 'week',
      horizonMonths: 12,
      monthlyDiscountRate: 0.01,
      margin: 1,
    });
  });

  it('keeps the given keys and defaults the rest of a section', () => {
    const config = parseConfig('{ "purchase": { "type": "order", "status": "state" } }', FILE);
    expect(config.purchase.type).toBe('order');
    expect(config.purchase.status).toBe('state');
    expect(config.purchase.orderId).toBe('order_id');
  });

  it('names the file and the full key of an unknown key', () => {
    expect(() => parseConfig('{ "purchase": { "stauts": "x" } }', FILE)).toThrow(
      `${FILE}: purchase.stauts: unknown key`,
    );
    expect(() => parseConfig('{ "colour": 1 }', FILE)).toThrow(`${FILE}: colour: unknown key`);
  });

  it('names the file and the key of a wrong type', () => {
    expect(() => parseConfig('{ "churnWindowDays": "365" }', FILE)).toThrow(
      new RegExp(`^${FILE}: churnWindowDays: `),
    );
    expect(() => parseConfig('{ "purchase": { "successValues": "ok" } }', FILE)).toThrow(
      `${FILE}: purchase.successValues:`,
    );
    expect(() => parseConfig('{ "timezone": "Mars/Olympus" }', FILE)).toThrow(
      `${FILE}: timezone: must be an IANA time zone`,
    );
    expect(() => parseConfig('{ "baseCurrency": "euro" }', FILE)).toThrow(`${FILE}: baseCurrency:`);
  });

  it('reports broken JSON with its line', () => {
    expect(() => parseConfig('{\n  "timezone": "UTC"\n  "baseCurrency": "EUR"\n}', FILE)).toThrow(
      `${FILE}: line 3: invalid JSON`,
    );
  });

  it('reads the accepted ranges of imports, and refuses ones that are not dates or amounts', () => {
    expect(defaultConfig().import).toEqual({
      minTimestamp: '1970-01-01',
      maxTimestamp: null,
      maxAmount: 1e13,
      memoryLimitMb: 1024,
    });
    const set = parseConfig(
      '{ "import": { "minTimestamp": "1900-01-01", "maxTimestamp": "2100-01-01T00:00:00Z" } }',
      FILE,
    );
    expect(set.import).toEqual({
      minTimestamp: '1900-01-01',
      maxTimestamp: '2100-01-01T00:00:00Z',
      maxAmount: 1e13,
      memoryLimitMb: 1024,
    });
    expect(() => parseConfig('{ "import": { "minTimestamp": "yesterday" } }', FILE)).toThrow(
      `${FILE}: import.minTimestamp: must be a date (YYYY-MM-DD) or an ISO 8601 time stamp`,
    );
    expect(() => parseConfig('{ "import": { "maxTimestamp": "2024-02-30" } }', FILE)).toThrow(
      `${FILE}: import.maxTimestamp: must be a real date`,
    );
    expect(() => parseConfig('{ "import": { "maxAmount": -1 } }', FILE)).toThrow(
      `${FILE}: import.maxAmount:`,
    );
    // The engine's readers alone hold two 64 MB buffers: less than 256 MB cannot import.
    expect(parseConfig('{ "import": { "memoryLimitMb": 256 } }', FILE).import.memoryLimitMb).toBe(
      256,
    );
    for (const bad of ['255', '1024.5', '"1GB"', 'null']) {
      expect(() => parseConfig(`{ "import": { "memoryLimitMb": ${bad} } }`, FILE)).toThrow(
        `${FILE}: import.memoryLimitMb:`,
      );
    }
  });

  it('writes a commented default file that parses to the defaults', () => {
    const text = defaultConfigText();
    expect(text).toMatch(/^\/\/ /);
    expect(parseConfig(text, FILE)).toEqual(defaultConfig());
  });
});

describe('campaign config', () => {
  it('maps each canonical action to its own name and attributes for 7 days after a click, 3 after an open', () => {
    const config = parseConfig('{}', FILE);
    expect(config.campaign.actionValues).toEqual({
      sent: ['sent'],
      delivered: ['delivered'],
      opened: ['opened'],
      clicked: ['clicked'],
      unsubscribed: ['unsubscribed'],
      bounced: ['bounced'],
    });
    expect(config.campaign.attribution).toEqual({ clickDays: 7, openDays: 3 });
    const custom = parseConfig(
      '{ "campaign": { "actionValues": { "opened": ["open", "view"] }, "attribution": { "clickDays": 14 } } }',
      FILE,
    );
    expect(custom.campaign.actionValues.opened).toEqual(['open', 'view']);
    expect(custom.campaign.actionValues.sent).toEqual(['sent']);
    expect(custom.campaign.attribution).toEqual({ clickDays: 14, openDays: 3 });
  });

  it('refuses a raw action meaning two actions, and windows outside (0, 90] days', () => {
    expect(() =>
      parseConfig('{ "campaign": { "actionValues": { "opened": ["clicked"] } } }', FILE),
    ).toThrow(`${FILE}: campaign.actionValues: a raw action value may mean only one action`);
    expect(() =>
      parseConfig('{ "campaign": { "attribution": { "clickDays": 0 } } }', FILE),
    ).toThrow(`${FILE}: campaign.attribution.clickDays:`);
    expect(() =>
      parseConfig('{ "campaign": { "attribution": { "openDays": 91 } } }', FILE),
    ).toThrow(`${FILE}: campaign.attribution.openDays:`);
  });
});
