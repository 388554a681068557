import { useState } from 'react';
import type { CohortsReport } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import type { FormatContext } from '../../format/format';
import { ChartCard } from '../chart-card/ChartCard';
import { cohortLtvOptions } from './cohort-ltv-options';
import { COHORT_PICKS, pickCohorts, type CohortPick } from './pick-cohorts';

/** The LTV curves of the cohorts, with a choice of which cohorts to draw. */
export function CohortLtvCard({
  state,
  context,
  isEmpty,
}: {
  state: ApiState<CohortsReport> & { reload?(): void };
  context: FormatContext;
  isEmpty(report: CohortsReport): boolean;
}) {
  const [pick, setPick] = useState<CohortPick>('every3');
  return (
    <ChartCard
      id="cohort-ltv"
      title="Cumulative revenue per customer by cohort"
      subtitle="Revenue of a cohort's customers from their first order on, per customer of the cohort. The table has every cohort."
      state={state}
      build={(report) => cohortLtvOptions(report, pickCohorts(report, pick), context)}
      isEmpty={isEmpty}
      context={context}
      height={380}
      wide
      actions={
        <label>
          <span className="sr-only">Cohorts shown</span>
          <select
            value={pick}
            data-action="cohort-pick"
            onChange={(event) => setPick(event.target.value as CohortPick)}
          >
            {COHORT_PICKS.map((option) => (
              <option key={option.pick} value={option.pick}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      }
    />
  );
}
