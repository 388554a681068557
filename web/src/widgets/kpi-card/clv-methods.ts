import type { KpiKey } from '../../api/types';

export type ClvMethod = Extract<
  KpiKey,
  'clvPredicted' | 'clvRolling' | 'clvHistoric' | 'clvSimple'
>;

/** The CLV figures the method switch offers, with their short names. */
export const CLV_METHODS: { key: ClvMethod; label: string }[] = [
  { key: 'clvPredicted', label: 'Predicted' },
  { key: 'clvRolling', label: 'Rolling' },
  { key: 'clvHistoric', label: 'Historic' },
  { key: 'clvSimple', label: 'Simple' },
];
