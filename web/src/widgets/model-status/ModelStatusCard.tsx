import type { ModelReport, Status } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import { StateView } from '../state-view/StateView';
import { modelNotices } from './model-notices';
import './model-status.css';

/**
 * The models behind the predictions in words: a change of purchase model, each model's state
 * (fitted, flagged or failed, with the server's reason) and how the purchase model was chosen.
 * Each line carries `data-notice` (its key) and `data-tone`.
 */
export function ModelStatusCard({
  state,
  change,
}: {
  state: ApiState<ModelReport> & { reload?(): void };
  change: Status['modelChange'];
}) {
  const notices =
    state.status === 'ready'
      ? modelNotices({
          states: state.data.states,
          selection: state.data.selection,
          model: state.data.model,
          change,
        })
      : [];
  const current = state.status !== 'ready' ? state.status : notices.length > 0 ? 'ready' : 'empty';
  return (
    <section
      className="card wide model-status"
      data-widget="model-status"
      data-state={current}
      aria-labelledby="model-status-title"
    >
      <h2 id="model-status-title">What the predictions rest on</h2>
      {current === 'ready' ? (
        <ul>
          {notices.map((notice) => (
            <li key={notice.key} data-notice={notice.key} data-tone={notice.tone}>
              {/* A plain badge for news: `.info` is the KPI cards' info icon. */}
              <span className={notice.tone === 'info' ? 'badge' : `badge ${notice.tone}`}>
                {notice.title}
              </span>{' '}
              <span data-role="text">{notice.text}</span>
            </li>
          ))}
        </ul>
      ) : current === 'empty' ? (
        <StateView state="empty" empty="No model was fitted at the last refresh." height={40} />
      ) : (
        <StateView state={current} error={state.error} onRetry={state.reload} height={40} />
      )}
    </section>
  );
}
