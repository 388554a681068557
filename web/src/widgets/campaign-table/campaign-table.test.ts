import { describe, expect, it } from 'vitest';
import { CAMPAIGN, LIFT } from './campaign-fixture';
import { campaignTable, liftTable } from './campaign-table';
import { campaignLiftText, differenceText, significanceText } from './lift-text';

const context = { currency: 'EUR', locale: 'en-US' };

describe('the campaigns table', () => {
  it('says a difference with its interval: points for rates, money for revenue', () => {
    expect(differenceText(LIFT.conversion, context)).toBe('+5.0 pp (95 % CI 0.2 to 9.1 pp)');
    expect(significanceText(LIFT.conversion)).toBe('significant');
    expect(differenceText(LIFT.revenuePerCustomer, context)).toBe(
      '+€6.00 (95 % CI -€1.50 to €13.25)',
    );
    expect(significanceText(LIFT.revenuePerCustomer)).toBe('not significant');
    const below = { ...LIFT.conversion, value: -0.021, low: -0.034, high: -0.008 };
    expect(differenceText(below, context)).toBe('-2.1 pp (95 % CI -3.4 to -0.8 pp)');
  });

  it('names the audience of each lift and of each absent one when there are several', () => {
    expect(campaignLiftText(CAMPAIGN, context)).toBe(
      'VIP: +5.0 pp (95 % CI 0.2 to 9.1 pp), significant; No audience: sent to no audience',
    );
    const alone = { ...CAMPAIGN, lift: [], audiences: CAMPAIGN.audiences.slice(1) };
    expect(campaignLiftText(alone, context)).toBe('sent to no audience');
  });

  it('holds raw values for the CSV: rates as fractions, money without signs', () => {
    const table = campaignTable([CAMPAIGN], context);
    expect(table.rows[0]).toMatchObject({
      id: 'CMP-2026-03-EMAIL',
      firstSendAt: '2026-03-05',
      audiences: 'VIP, No audience',
      recipients: 1000,
      openRate: 0.4,
      clickRate: 0.1,
      attributedRevenue: 2500,
      revenuePerRecipient: 2.5,
    });
    expect(table.columns.map((c) => c.key)).toContain('lift');
  });

  it('gives one treated-vs-control row per audience, with the reason where there is no lift', () => {
    const table = liftTable([CAMPAIGN]);
    expect(table.rows).toEqual([
      expect.objectContaining({
        audience: 'VIP',
        treated: 900,
        treatedConversion: 0.1,
        control: 100,
        controlConversion: 0.05,
        conversionLift: 0.05,
        conversionLow: 0.0021,
        conversionSignificant: 'yes',
        revenueLift: 6,
        revenueSignificant: 'no',
        reason: null,
      }),
      { campaign: 'CMP-2026-03-EMAIL', audience: 'No audience', reason: 'sent to no audience' },
    ]);
  });
});
