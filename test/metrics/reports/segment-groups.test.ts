import { describe, expect } from 'vitest';
import { metricsReport } from '../../../src/metrics/metrics-report.js';
import { segmentGroupsReport } from '../../../src/metrics/reports/segment-groups.js';
import { refresh } from '../../../src/model/refresh.js';
import { projectTest } from '../../helpers/project-test.js';
import { handMadeShop } from '../../helpers/hand-made-shop.js';

const test = projectTest();

describe('segment groups', () => {
  test('lists the groups and their customers as of a day, as the metrics report splits them', async ({
    keep,
  }) => {
    const t = await keep(handMadeShop({ customers: true }));
    await refresh(t.warehouse, t.project.config);
    const to = '2024-04-01';
    // c1 accepted again on Feb 1 (after the revoke at the same instant): subscribed.
    expect(
      await segmentGroupsReport(t.warehouse, t.project.config, { segment: 'email', to }),
    ).toEqual({
      segmentation: 'email',
      asOf: to,
      groups: [
        { segment: 'subscribed', customers: 1 },
        { segment: 'not subscribed', customers: 3 },
      ],
      note: null,
    });
    // Nobody has an SMS consent: both groups are still listed.
    expect(
      (await segmentGroupsReport(t.warehouse, t.project.config, { segment: 'sms', to })).groups,
    ).toEqual([
      { segment: 'subscribed', customers: 0 },
      { segment: 'not subscribed', customers: 4 },
    ]);
    const channels = await segmentGroupsReport(t.warehouse, t.project.config, {
      segment: 'attribute:acquisition_channel',
      to,
    });
    const report = await metricsReport(t.warehouse, t.project.config, {
      from: '2024-02-01',
      to,
      segment: 'attribute:acquisition_channel',
    });
    expect(channels.groups).toEqual(
      report.segments?.map(({ segment, customers }) => ({ segment, customers })),
    );
    expect(channels.groups.map((g) => g.segment)).toEqual(['social', 'search', 'other']);
  });

  test('refuses an unknown segmentation', async ({ keep }) => {
    const t = await keep(handMadeShop());
    await refresh(t.warehouse, t.project.config);
    await expect(
      segmentGroupsReport(t.warehouse, t.project.config, { segment: 'country' }),
    ).rejects.toThrow('`segment` must be email, sms or attribute:NAME, not "country"');
  });
});
