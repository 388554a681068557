import type { NpsReport } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import { formatValue, type FormatContext } from '../../format/format';
import { StateView, widgetState } from '../state-view/StateView';
import { npsFigures } from './nps-figures';

/** The NPS headline as KPI cards, or its loading, error or empty (no answers) state. */
export function NpsScore({
  state,
  context,
  empty,
}: {
  state: ApiState<NpsReport> & { reload?(): void };
  context: FormatContext;
  empty: string;
}) {
  const current = widgetState(state, (report: NpsReport) => report.respondents === 0);
  return (
    <section data-widget="nps-score" data-state={current} aria-label="Net promoter score">
      {current !== 'ready' || state.status !== 'ready' ? (
        <StateView
          state={current === 'ready' ? 'loading' : current}
          error={state.error}
          empty={empty}
          onRetry={state.reload}
        />
      ) : (
        <div className="kpi-grid">
          {npsFigures(state.data).map((figure) => (
            <article
              key={figure.key}
              className="card kpi-card"
              data-kpi={figure.key}
              data-state="ready"
            >
              <header>
                <h3>{figure.label}</h3>
              </header>
              <p className="kpi-value" data-role="value" data-value={figure.value ?? undefined}>
                {formatValue(figure.value, figure.format, context)}
              </p>
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
