import type { CustomerProfile } from '../../api/types';
import { formatDay, formatValue, type FormatContext } from '../../format/format';
import { consentLabel, consentState } from './consent-text';
import { Fact } from './Fact';
import './customer-profile.css';

const day = (value: string | null, context: FormatContext) =>
  value ? formatDay(value.slice(0, 10), context.locale) : '—';

/** The customer's attributes as they were last sent. */
export function AttributesCard({ profile }: { profile: CustomerProfile }) {
  const entries = Object.entries(profile.attributes);
  return (
    <section
      className="card profile-card"
      data-widget="customer-attributes"
      aria-labelledby="attributes-title"
    >
      <h2 id="attributes-title">Attributes</h2>
      {entries.length === 0 ? (
        <p className="subtitle">No attributes.</p>
      ) : (
        <dl className="facts">
          {entries.map(([name, sent]) => {
            // Attributes are most often text; a list or an object sent as one is shown as JSON.
            const value = typeof sent === 'object' && sent !== null ? JSON.stringify(sent) : sent;
            return (
              <Fact
                key={name}
                field={`attribute.${name}`}
                label={name.replace(/_/g, ' ')}
                value={value}
              >
                {value ?? '—'}
              </Fact>
            );
          })}
        </dl>
      )}
    </section>
  );
}

/** Whether the customer may be emailed or texted now, and since when. */
export function ConsentsCard({
  profile,
  context,
}: {
  profile: CustomerProfile;
  context: FormatContext;
}) {
  return (
    <section
      className="card profile-card"
      data-widget="customer-consents"
      aria-labelledby="consents-title"
    >
      <h2 id="consents-title">Consents</h2>
      {profile.consents.length === 0 ? (
        <p className="subtitle">No consent recorded.</p>
      ) : (
        <dl className="facts">
          {profile.consents.map((consent) => (
            <Fact
              key={consent.category}
              field={`consent.${consent.category}`}
              label={`${consentLabel(consent)}:`}
              value={consent.granted}
            >
              <span title={consent.action ? `Latest action: ${consent.action}` : undefined}>
                {consentState(consent, (d) => formatDay(d, context.locale))}
              </span>
            </Fact>
          ))}
        </dl>
      )}
    </section>
  );
}

/** What the customer has bought so far: orders, revenue (historic CLV), cancellations. */
export function HistoricCard({
  profile,
  context,
}: {
  profile: CustomerProfile;
  context: FormatContext;
}) {
  const h = profile.historic;
  const money = (value: number | null) => formatValue(value, 'money', context);
  const count = (value: number) => formatValue(value, 'count', context);
  return (
    <section
      className="card profile-card"
      data-widget="customer-historic"
      aria-labelledby="historic-title"
    >
      <h2 id="historic-title">History</h2>
      <dl className="facts">
        <Fact field="orders" label="Orders" value={h.orders}>
          {count(h.orders)}
        </Fact>
        <Fact field="historicClv" label="Revenue (historic CLV)" value={h.revenue}>
          {money(h.revenue)}
        </Fact>
        <Fact field="apv" label="Average purchase value" value={h.apv}>
          {money(h.apv)}
        </Fact>
        <Fact field="firstOrder" label="First order" value={h.firstOrder}>
          {day(h.firstOrder, context)}
        </Fact>
        <Fact field="lastOrder" label="Last order" value={h.lastOrder}>
          {day(h.lastOrder, context)}
        </Fact>
        <Fact field="canceled" label="Canceled orders" value={h.canceled}>
          {count(h.canceled)}
        </Fact>
        <Fact field="returned" label="Returned orders" value={h.returned}>
          {count(h.returned)}
        </Fact>
      </dl>
    </section>
  );
}
