import { FEATURE_FIELDS, FIELD_KEYS } from '../../../rules/feature-fields';
import type { Condition, FeatureField } from '../../../rules/rule-types';
import { firstTest, opsFor } from '../../../rules/value-tests';
import type { BuilderTools } from './builder-tools';
import { CountWindowInputs } from './CountWindowInputs';
import { DatasetFields } from './DatasetFields';
import { PropertyFilters } from './PropertyFilters';
import { ValueTestInputs } from './ValueTestInputs';

/** The inputs of one condition, by its type; every control is labelled. */
export function ConditionFields({
  condition,
  tools,
  onChange,
}: {
  condition: Condition;
  tools: BuilderTools;
  onChange(condition: Condition): void;
}) {
  switch (condition.type) {
    case 'value': {
      const kind = FEATURE_FIELDS[condition.field].kind;
      return (
        <>
          <select
            aria-label="Customer value"
            data-role="field"
            value={condition.field}
            onChange={(event) => {
              const field = event.target.value as FeatureField;
              const next = FEATURE_FIELDS[field].kind;
              const test = opsFor(next).includes(condition.test.op)
                ? condition.test
                : firstTest(next);
              onChange({ ...condition, field, test });
            }}
          >
            {FIELD_KEYS.map((field) => (
              <option key={field} value={field}>
                {FEATURE_FIELDS[field].label}
              </option>
            ))}
          </select>
          <ValueTestInputs
            test={condition.test}
            kind={kind}
            label={FEATURE_FIELDS[condition.field].label}
            onChange={(test) => onChange({ ...condition, test })}
          />
        </>
      );
    }
    case 'attribute': {
      const names = tools.attributes.map((a) => a.name);
      if (condition.attribute && !names.includes(condition.attribute))
        names.push(condition.attribute);
      const values = tools.attributes.find((a) => a.name === condition.attribute)?.values;
      return (
        <>
          <select
            aria-label="Attribute"
            data-role="attribute"
            value={condition.attribute}
            onChange={(event) => onChange({ ...condition, attribute: event.target.value })}
          >
            {!condition.attribute && <option value="">Choose an attribute…</option>}
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <ValueTestInputs
            test={condition.test}
            kind={undefined}
            label={condition.attribute || 'the attribute'}
            suggestions={values}
            onChange={(test) => onChange({ ...condition, test })}
          />
        </>
      );
    }
    case 'consent':
      return (
        <>
          <select
            aria-label="Consent"
            data-role="subscribed"
            value={condition.subscribed ? 'yes' : 'no'}
            onChange={(event) =>
              onChange({ ...condition, subscribed: event.target.value === 'yes' })
            }
          >
            <option value="yes">subscribed to</option>
            <option value="no">not subscribed to</option>
          </select>
          <select
            aria-label="Consent channel"
            data-role="channel"
            value={condition.channel}
            onChange={(event) =>
              onChange({ ...condition, channel: event.target.value === 'sms' ? 'sms' : 'email' })
            }
          >
            <option value="email">email</option>
            <option value="sms">SMS</option>
          </select>
        </>
      );
    case 'event':
      return (
        <>
          <input
            type="text"
            aria-label="Event type"
            data-role="event-type"
            placeholder="event type, e.g. page_view"
            value={condition.eventType}
            onChange={(event) => onChange({ ...condition, eventType: event.target.value })}
          />
          <CountWindowInputs
            label={`event ${condition.eventType || 'of this type'}`}
            count={condition.count}
            window={condition.window}
            onChange={(next) =>
              onChange(withWindow({ ...condition, count: next.count }, next.window))
            }
          />
          <PropertyFilters
            filters={condition.properties ?? []}
            onChange={(properties) => {
              const { properties: _drop, ...rest } = condition;
              void _drop;
              onChange(properties.length ? { ...rest, properties } : rest);
            }}
          />
        </>
      );
    case 'purchase':
      return (
        <>
          <select
            aria-label="Purchase outcome"
            data-role="outcome"
            value={condition.outcome}
            onChange={(event) =>
              onChange({ ...condition, outcome: event.target.value as typeof condition.outcome })
            }
          >
            <option value="success">successful orders</option>
            <option value="canceled">canceled orders</option>
            <option value="returned">returned orders</option>
            <option value="any">orders of any outcome</option>
          </select>
          <CountWindowInputs
            label="orders"
            count={condition.count}
            window={condition.window}
            onChange={(next) =>
              onChange(withWindow({ ...condition, count: next.count }, next.window))
            }
          />
        </>
      );
    case 'campaign':
      return (
        <>
          <select
            aria-label="Campaign response"
            data-role="action"
            value={condition.action}
            onChange={(event) =>
              onChange({ ...condition, action: event.target.value as typeof condition.action })
            }
          >
            <option value="received">received</option>
            <option value="opened">opened</option>
            <option value="clicked">clicked</option>
          </select>
          <input
            type="text"
            aria-label="Campaign id (empty: any campaign of the channel)"
            data-role="campaign-id"
            placeholder="campaign id"
            value={condition.campaignId ?? ''}
            onChange={(event) =>
              onChange(optionalText(condition, 'campaignId', event.target.value))
            }
          />
          <input
            type="text"
            aria-label="Campaign channel (empty: the campaign on any channel)"
            data-role="campaign-channel"
            placeholder="channel, e.g. email"
            value={condition.channel ?? ''}
            onChange={(event) => onChange(optionalText(condition, 'channel', event.target.value))}
          />
          <CountWindowInputs
            label="campaigns"
            count={condition.count}
            window={condition.window}
            onChange={(next) =>
              onChange(withWindow({ ...condition, count: next.count }, next.window))
            }
          />
        </>
      );
    case 'audience':
      return (
        <>
          <select
            aria-label="Membership"
            data-role="member"
            value={condition.member ? 'yes' : 'no'}
            onChange={(event) => onChange({ ...condition, member: event.target.value === 'yes' })}
          >
            <option value="yes">is a member of</option>
            <option value="no">is not a member of</option>
          </select>
          <select
            aria-label="Audience"
            data-role="audience"
            value={condition.audienceId}
            onChange={(event) => onChange({ ...condition, audienceId: event.target.value })}
          >
            {!condition.audienceId && <option value="">Choose an audience…</option>}
            {tools.audiences.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </>
      );
    case 'dataset':
      return <DatasetFields condition={condition} tools={tools} onChange={onChange} />;
  }
}

/** The condition with its window set or, for "at any time", without one. */
function withWindow<T extends { window?: unknown }>(
  condition: T,
  window: T['window'] | undefined,
): T {
  const { window: _old, ...rest } = condition;
  void _old;
  return (window === undefined ? rest : { ...rest, window }) as T;
}

/** The campaign condition with an optional text set, or left out when empty. */
function optionalText<T extends Condition & { type: 'campaign' }>(
  condition: T,
  key: 'campaignId' | 'channel',
  value: string,
): T {
  const { [key]: _old, ...rest } = condition;
  void _old;
  return (value === '' ? rest : { ...rest, [key]: value }) as T;
}
