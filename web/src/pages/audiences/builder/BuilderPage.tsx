import { useMemo, useState, type FormEvent } from 'react';
import { saveAudience } from '../../../api/audience-actions';
import { useAudiences, useQuerySchema } from '../../../api/audience-hooks';
import type { Audience, TemplateKey } from '../../../api/audience-types';
import { ApiError } from '../../../api/client';
import { useAttributeValues } from '../../../api/hooks';
import { useDashboard } from '../../../app/dashboard-context';
import { Link } from '../../../app/Link';
import { navigate } from '../../../app/navigation';
import { ruleDatasets } from '../../../rules/datasets';
import { fieldErrors, type FieldErrors } from '../../../rules/field-errors';
import { conditionCount } from '../../../rules/rule-edits';
import { RULE_PARAM } from '../../../rules/rule-url';
import { RULE_LIMITS, type Rule } from '../../../rules/rule-types';
import type { BuilderTools } from './builder-tools';
import { EstimatePanel } from './EstimatePanel';
import { GroupCard } from './GroupCard';
import { useEstimate } from './use-estimate';
import './builder.css';

const NO_ERRORS: FieldErrors = { nodes: new Map(), form: new Map() };

/**
 * The audience builder: name and description, the rule as a canvas of cards, the estimate
 * beside it, and save (a new audience, or a new version of `audience`). The rule being edited
 * stays in the address, so a builder in progress is a link.
 */
export function BuilderPage({
  start,
  audience,
}: {
  start: { rule: Rule; name: string; template?: TemplateKey };
  audience?: Audience;
}) {
  const { status, href } = useDashboard();
  const [rule, setRuleState] = useState<Rule>(start.rule);
  const [name, setName] = useState(audience?.name ?? start.name);
  const [description, setDescription] = useState(audience?.description ?? '');
  const [includeUnsubscribed, setIncludeUnsubscribed] = useState(
    audience?.includeUnsubscribed ?? false,
  );
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const estimate = useEstimate(rule, audience?.id);
  const attributes = useAttributeValues();
  const audiences = useAudiences();
  const schema = useQuerySchema();
  // The estimate validates the rule as it is edited: its field errors show at the cards at once,
  // a save's errors (name, description too) replace them.
  const shownErrors = useMemo(
    () =>
      errors.nodes.size > 0 || errors.form.size > 0
        ? errors
        : estimate.status === 'error' && estimate.error instanceof ApiError
          ? fieldErrors(estimate.error.details)
          : NO_ERRORS,
    [errors, estimate],
  );
  const tools = useMemo<BuilderTools>(
    () => ({
      attributes:
        attributes.status === 'ready'
          ? attributes.data.attributes.map((a) => ({
              name: a.name,
              values: a.values.map((v) => v.value),
            }))
          : [],
      audiences:
        audiences.status === 'ready'
          ? audiences.data.audiences.filter((a) => a.id !== audience?.id)
          : [],
      datasets: schema.status === 'ready' ? ruleDatasets(schema.data) : [],
      errors: shownErrors,
    }),
    [attributes, audiences, schema, shownErrors, audience?.id],
  );
  const setRule = (next: Rule) => {
    setRuleState(next);
    // A save's errors were about the rule as it was.
    setErrors(NO_ERRORS);
    const params = new URLSearchParams(window.location.search);
    params.set(RULE_PARAM, JSON.stringify(next));
    navigate(`${window.location.pathname}?${params.toString()}`, { replace: true });
  };
  const admin = status.role === 'admin';
  const conditions = conditionCount(rule.conditions);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    setErrors(NO_ERRORS);
    try {
      const saved = await saveAudience(
        {
          name: name.trim(),
          ...(description.trim() ? { description: description.trim() } : {}),
          rule,
          includeUnsubscribed,
          ...(start.template && !audience ? { template: start.template } : {}),
        },
        audience?.id,
      );
      navigate(href(`/audiences/${encodeURIComponent(saved.id)}`));
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(fieldErrors(error.details));
        setFailure(error.message);
      } else setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };
  const formError = (field: string) => errors.form.get(field)?.join('; ');
  return (
    <div className="page" data-page="audience-builder">
      <div className="page-title">
        <h1>{audience ? `Edit ${audience.name}` : 'New audience'}</h1>
        <Link href={href('/audiences')}>All audiences</Link>
      </div>
      <form className="builder" onSubmit={(event) => void save(event)} noValidate>
        <div className="builder-main">
          <div className="card builder-form">
            <label className="form-field">
              <span>Name</span>
              <input
                type="text"
                name="name"
                required
                maxLength={200}
                value={name}
                aria-invalid={formError('name') ? true : undefined}
                aria-describedby={formError('name') ? 'name-error' : undefined}
                onChange={(event) => setName(event.target.value)}
              />
              {formError('name') && (
                <span id="name-error" className="error-text" role="alert">
                  {formError('name')}
                </span>
              )}
            </label>
            <label className="form-field">
              <span>Description</span>
              <input
                type="text"
                name="description"
                value={description}
                aria-invalid={formError('description') ? true : undefined}
                onChange={(event) => setDescription(event.target.value)}
              />
              {formError('description') && (
                <span className="error-text" role="alert">
                  {formError('description')}
                </span>
              )}
            </label>
            <label className="form-check">
              <input
                type="checkbox"
                name="includeUnsubscribed"
                checked={includeUnsubscribed}
                onChange={(event) => setIncludeUnsubscribed(event.target.checked)}
              />
              <span>Send to email destinations even customers without email consent</span>
            </label>
          </div>
          <section className="rule-canvas" aria-label="Rule">
            <GroupCard
              rule={rule}
              path={[]}
              match={rule.match}
              nodes={rule.conditions}
              tools={tools}
              onChange={setRule}
            />
            <p className="muted" data-role="condition-count">
              {conditions} of at most {RULE_LIMITS.conditions} conditions. Tab moves between cards;
              Delete on a card removes it.
            </p>
          </section>
          <div className="builder-save">
            {failure && (
              <p className="error-text" role="alert" data-role="save-error">
                {failure}
              </p>
            )}
            <button
              type="submit"
              className="button primary"
              data-action="save-audience"
              disabled={!admin || saving || name.trim() === ''}
              title={admin ? undefined : 'Saving an audience needs an admin key'}
            >
              {saving ? 'Saving…' : audience ? 'Save new version' : 'Save audience'}
            </button>
          </div>
        </div>
        <EstimatePanel estimate={estimate} />
      </form>
    </div>
  );
}
