import { useAudience, useAudienceHistory } from '../../api/audience-hooks';
import { useDashboard } from '../../app/dashboard-context';
import { Link } from '../../app/Link';
import { formatValue } from '../../format/format';
import { audienceSizeOptions } from '../../widgets/audience-size/audience-size-options';
import { absentReason } from '../../widgets/audience-table/audience-table';
import { ChartCard } from '../../widgets/chart-card/ChartCard';
import { StateView } from '../../widgets/state-view/StateView';
import { ActivationsCard } from './ActivationsCard';
import { MembersCard } from './MembersCard';
import './audiences.css';

/** One audience: its rule in words, figures, size over time, members and destinations. */
export function AudienceDetail({ id }: { id: string }) {
  const { format, href, status } = useDashboard();
  const audience = useAudience(id);
  const history = useAudienceHistory(id);
  if (audience.status !== 'ready') {
    return (
      <div className="page" data-page="audience">
        {audience.status === 'error' ? (
          <StateView state="error" error={audience.error} onRetry={audience.reload} />
        ) : (
          <StateView state="loading" />
        )}
      </div>
    );
  }
  const a = audience.data;
  const reason = absentReason(a);
  // Entries and exits count from the first refresh after the audience was made.
  const changeReason =
    a.members !== null && a.entered === null ? 'counted from the next refresh' : reason;
  const figure = (
    role: string,
    label: string,
    value: number | null,
    kind: 'count' | 'money',
    why = reason,
  ) => (
    <div className="estimate-figure" data-figure={role} data-value={value ?? ''}>
      <dt>{label}</dt>
      <dd data-reason={value === null ? why : undefined} title={value === null ? why : undefined}>
        {formatValue(value, kind, format)}
        {value === null && <span className="muted reason"> ({why})</span>}
      </dd>
    </div>
  );
  return (
    <div className="page" data-page="audience" data-audience={a.id}>
      <div className="page-title">
        <h1>{a.name}</h1>
        <Link href={href('/audiences')}>All audiences</Link>
        {status.role === 'admin' && (
          <Link
            className="button"
            href={href(`/audiences/${encodeURIComponent(a.id)}/edit`)}
            data-action="edit-audience"
          >
            Edit
          </Link>
        )}
      </div>
      <section className="card audience-summary" aria-label="Summary">
        {a.description && <p>{a.description}</p>}
        <p className="rule-text" data-role="rule-text">
          {a.ruleText}
        </p>
        <dl className="estimate-figures">
          {figure('members', 'Members', a.members, 'count')}
          {figure('entered', 'Entered since the last refresh', a.entered, 'count', changeReason)}
          {figure('exited', 'Exited since the last refresh', a.exited, 'count', changeReason)}
          {figure('revenue', 'Revenue', a.revenue, 'money')}
          {figure('historicClv', 'Historic CLV (sum)', a.historicClv, 'money')}
          {figure('predictedClv', 'Predicted CLV (sum)', a.predictedClv, 'money')}
        </dl>
        {a.error && (
          <p className="error-text" role="alert">
            The latest evaluation failed: {a.error}
          </p>
        )}
        <p className="muted">
          Version {a.version} by {a.updatedBy}, {a.updatedAt.slice(0, 16).replace('T', ' ')} UTC;
          owner {a.owner}.{a.streaming ? ' Updated as events arrive.' : ' Updated at each refresh.'}
        </p>
      </section>
      <div className="grid">
        <ChartCard
          id="audience-size"
          title="Size over time"
          subtitle="Members at the end of each day, with the day’s entries and exits."
          state={history}
          build={(data) => audienceSizeOptions(data, format)}
          isEmpty={(data) => data.days.length === 0}
          empty={`No history yet: ${reason}.`}
          context={format}
          wide
        />
        <MembersCard audienceId={a.id} />
        <ActivationsCard audienceId={a.id} />
      </div>
    </div>
  );
}
