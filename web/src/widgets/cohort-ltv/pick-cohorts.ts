import type { CohortsReport } from '../../api/types';

export type CohortPick = 'every3' | 'latest12' | 'all';

export const COHORT_PICKS: { pick: CohortPick; label: string }[] = [
  { pick: 'every3', label: 'Every 3rd cohort' },
  { pick: 'latest12', label: 'Latest 12 cohorts' },
  { pick: 'all', label: 'All cohorts' },
];

/**
 * The cohorts drawn as lines, oldest first. Every third counts back from the latest, so the
 * newest cohort is always drawn and the oldest ones span the whole history.
 */
export function pickCohorts(report: CohortsReport, pick: CohortPick): string[] {
  const months = report.cohorts.map((c) => c.cohort);
  const last = months.length - 1;
  switch (pick) {
    case 'all':
      return months;
    case 'latest12':
      return months.slice(-12);
    case 'every3':
      return months.filter((_, i) => (last - i) % 3 === 0);
  }
}
