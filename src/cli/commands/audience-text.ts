import type { Audience, AudienceSummary } from '../../segments/audiences.js';
import type { MemberPage } from '../../segments/audience-members.js';
import type { AudienceTemplate } from '../../segments/audience-templates.js';
import type { AudienceEstimate } from '../../segments/estimate-audience.js';
import { table } from '../output.js';

const money = (value: number | null): string =>
  value === null
    ? '-'
    : value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = (value: number | null): string | number => value ?? '-';
const change = (entered: number | null, exited: number | null): string =>
  entered === null || exited === null ? '-' : `+${entered} / -${exited}`;

/** The audiences as a table: size, change since the last refresh, CLV sums. */
export function describeAudienceList(audiences: readonly AudienceSummary[]): string {
  if (audiences.length === 0) return 'no audiences yet: clv audience create --template vip';
  const rows = audiences.map((a) => [
    a.id,
    a.name,
    count(a.members),
    change(a.entered, a.exited),
    money(a.revenue),
    money(a.predictedClv),
    a.error ? `failed: ${a.error}` : (a.lastEvaluatedAt ?? 'not evaluated'),
  ]);
  return table([
    ['id', 'name', 'members', 'change', 'revenue', 'predicted CLV', 'evaluated'],
    ...rows,
  ]);
}

/** One audience: its fields, rule, figures and versions. */
export function describeAudience(audience: Audience): string {
  return [
    `${audience.name} (${audience.id}), version ${audience.version}, owner ${audience.owner}`,
    audience.description,
    `rule: ${audience.ruleText}`,
    table([
      ['members', count(audience.members)],
      ['change since the last refresh', change(audience.entered, audience.exited)],
      ['revenue', money(audience.revenue)],
      ['historic CLV', money(audience.historicClv)],
      ['predicted CLV', money(audience.predictedClv)],
      ['last evaluated', audience.lastEvaluatedAt ?? '-'],
      ['streaming', audience.streaming ? 'yes' : 'no'],
      ['include unsubscribed', audience.includeUnsubscribed ? 'yes' : 'no'],
    ]),
    ...(audience.error ? [`the last evaluation failed: ${audience.error}`] : []),
    'versions:',
    table(audience.versions.map((v) => [v.version, v.changedAt, v.changedBy, v.name])),
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** An estimate: the figures and the sample. */
export function describeEstimate(estimate: AudienceEstimate): string {
  const share = estimate.share === null ? '-' : `${(estimate.share * 100).toFixed(1)} %`;
  return [
    `rule: ${estimate.ruleText}`,
    `as of ${estimate.asOf}`,
    table([
      ['members', estimate.members],
      ['share of known customers', share],
      ['revenue', money(estimate.revenue)],
      ['historic CLV', money(estimate.historicClv)],
      ['predicted CLV', money(estimate.predictedClv)],
    ]),
    ...(estimate.sample.length > 0
      ? [
          'sample:',
          table([
            ['customer', 'revenue', 'predicted CLV', 'P(alive)'],
            ...estimate.sample.map((s) => [
              s.customerId,
              money(s.revenue),
              money(s.predictedClv),
              s.pAlive === null ? '-' : s.pAlive.toFixed(3),
            ]),
          ]),
        ]
      : []),
  ].join('\n');
}

/** A page of members. */
export function describeMembers(page: MemberPage, offset: number): string {
  if (page.members.length === 0) return `none of ${page.total} (offset ${offset})`;
  return [
    table([
      ['customer', 'entered', 'revenue', 'predicted CLV', 'P(alive)', 'email'],
      ...page.members.map((m) => [
        m.customerId,
        m.enteredAt,
        money(m.revenue),
        money(m.predictedClv),
        m.pAlive === null ? '-' : m.pAlive.toFixed(3),
        m.emailSubscribed ? 'subscribed' : '-',
      ]),
    ]),
    `${offset + 1}-${offset + page.members.length} of ${page.total}`,
  ].join('\n');
}

/** The templates: key, name, what they select. */
export function describeTemplates(templates: readonly AudienceTemplate[]): string {
  return table([
    ['key', 'name', 'description'],
    ...templates.map((t) => [t.key, t.name, t.description]),
  ]);
}
