import type { AudienceEstimate } from '../../../api/audience-types';
import { useDashboard } from '../../../app/dashboard-context';
import { Link } from '../../../app/Link';
import { formatValue } from '../../../format/format';
import type { EstimateState } from './use-estimate';

/** The estimate beside the builder: members, share, sums, the rule in words and a sample. */
export function EstimatePanel({ estimate }: { estimate: EstimateState }) {
  const { format, href } = useDashboard();
  const data = estimate.data;
  const figure = (
    role: string,
    label: string,
    value: number | null | undefined,
    kind: 'count' | 'percent' | 'money',
    reason: string,
  ) => (
    <div className="estimate-figure" data-figure={role} data-value={value ?? ''}>
      <dt>{label}</dt>
      <dd
        title={value === null ? reason : undefined}
        data-reason={value === null ? reason : undefined}
      >
        {formatValue(value ?? null, kind, format)}
        {value === null && <span className="muted"> ({reason})</span>}
      </dd>
    </div>
  );
  return (
    <aside
      className="card estimate-panel"
      aria-labelledby="estimate-title"
      aria-busy={estimate.status === 'loading'}
      data-widget="audience-estimate"
      data-state={estimate.status}
    >
      <h2 id="estimate-title">Estimate</h2>
      {estimate.status === 'error' && (
        <p className="error-text" role="alert" data-role="estimate-error">
          {estimate.error.message}
        </p>
      )}
      {!data ? (
        estimate.status === 'loading' && <p className="muted">Estimating…</p>
      ) : (
        <div className={estimate.status === 'ready' ? '' : 'stale'}>
          <dl className="estimate-figures">
            {figure('members', 'Members', data.members, 'count', '')}
            {figure(
              'share',
              'Share of known customers',
              data.share,
              'percent',
              'no known customers',
            )}
            {figure('revenue', 'Revenue', data.revenue, 'money', noMembers(data))}
            {figure(
              'historicClv',
              'Historic CLV (sum)',
              data.historicClv,
              'money',
              noMembers(data),
            )}
            {figure(
              'predictedClv',
              'Predicted CLV (sum)',
              data.predictedClv,
              'money',
              noPrediction(data),
            )}
          </dl>
          <p className="muted">
            Of {formatValue(data.knownCustomers, 'count', format)} known customers, as of{' '}
            {data.asOf.slice(0, 10)}.
          </p>
          <h3>In words</h3>
          <p className="rule-text" data-role="rule-text">
            {data.ruleText}
          </p>
          <h3>Sample members</h3>
          {data.sample.length === 0 ? (
            <p className="muted">No customer matches.</p>
          ) : (
            <table className="data-table" data-role="estimate-sample">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col" className="num">
                    Revenue
                  </th>
                  <th scope="col" className="num">
                    Predicted CLV
                  </th>
                  <th scope="col" className="num">
                    P(alive)
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.sample.map((member) => (
                  <tr key={member.customerId} data-customer={member.customerId}>
                    <td>
                      <Link href={href(`/customers/${encodeURIComponent(member.customerId)}`)}>
                        {member.customerId}
                      </Link>
                    </td>
                    <td className="num">{formatValue(member.revenue, 'money', format)}</td>
                    <td
                      className="num"
                      title={member.predictedClv === null ? 'no prediction' : undefined}
                    >
                      {formatValue(member.predictedClv, 'money', format)}
                    </td>
                    <td className="num">{formatValue(member.pAlive, 'percent', format)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </aside>
  );
}

const noMembers = (data: AudienceEstimate) => (data.members === 0 ? 'no members' : 'not known');
const noPrediction = (data: AudienceEstimate) =>
  data.members === 0 ? 'no members' : 'no member has a prediction';
