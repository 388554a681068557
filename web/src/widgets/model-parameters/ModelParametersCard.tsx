import type { ModelReport } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import type { FormatContext } from '../../format/format';
import { TableCard } from '../table-card/TableCard';
import { widgetState } from '../state-view/StateView';
import { formatFact, modelFacts, modelFactsTable, type ModelFact } from './model-facts';
import './model-parameters.css';

function groupBySection(facts: readonly ModelFact[]): [string, ModelFact[]][] {
  const sections = new Map<string, ModelFact[]>();
  for (const fact of facts)
    sections.set(fact.section, [...(sections.get(fact.section) ?? []), fact]);
  return [...sections];
}

/**
 * The fitted purchase and spend models with standard errors and fit statistics, the settings
 * the predictions use, and their totals. Each value carries `data-fact` and `data-value`.
 */
export function ModelParametersCard({
  state,
  context,
}: {
  state: ApiState<ModelReport> & { reload?(): void };
  context: FormatContext;
}) {
  const facts = state.status === 'ready' ? modelFacts(state.data) : [];
  return (
    <TableCard
      id="model-parameters"
      title="Models and fit"
      subtitle="Maximum-likelihood estimates with standard errors from the observed information."
      state={widgetState(state, () => facts.length === 0)}
      error={state.error}
      onRetry={state.reload}
      csv={modelFactsTable(facts)}
      wide
    >
      <div className="model-sections">
        {groupBySection(facts).map(([section, rows]) => (
          <table key={section} className="data-table model-section">
            <caption>{section}</caption>
            <thead>
              <tr>
                <th scope="col">Quantity</th>
                <th scope="col" className="num">
                  Value
                </th>
                {rows.some((r) => r.standardError !== null) && (
                  <th scope="col" className="num">
                    Std. error
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((fact) => (
                <tr key={fact.key}>
                  <th scope="row">{fact.label}</th>
                  <td
                    className={
                      fact.format === 'text' || fact.format === 'day' ? 'fact-text' : 'num'
                    }
                    data-fact={fact.key}
                    data-value={fact.value ?? ''}
                  >
                    {formatFact(fact.value, fact.format, context)}
                  </td>
                  {rows.some((r) => r.standardError !== null) && (
                    <td
                      className="num"
                      data-fact={`${fact.key}.se`}
                      data-value={fact.standardError ?? ''}
                    >
                      {fact.standardError === null
                        ? ''
                        : formatFact(fact.standardError, 'precise', context)}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </TableCard>
  );
}
