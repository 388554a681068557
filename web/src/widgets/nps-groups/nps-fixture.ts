import type { NpsReport } from '../../api/types';

/** Ten respondents: 5 promoters, 3 passives, 2 detractors, so the NPS is 50 − 20 = 30. */
export const NPS: NpsReport = {
  asOf: '2026-10-01',
  nps: 30,
  respondents: 10,
  groups: [
    { group: 'promoters', customers: 5, clvHistoric: 400, apv: 80, retentionRate: 0.6 },
    { group: 'passives', customers: 3, clvHistoric: 200, apv: 50, retentionRate: 0.5 },
    { group: 'detractors', customers: 2, clvHistoric: null, apv: null, retentionRate: null },
  ],
};
