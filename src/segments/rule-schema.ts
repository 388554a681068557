import { z } from 'zod';
import { FEATURE_FIELDS, type FeatureField } from './feature-fields.js';

/** The version of the rule format this code writes and reads. */
export const RULE_VERSION = 1;

/**
 * How deep groups may nest, how many conditions a rule may hold in all, and how many it may
 * reach with the rules of the audiences it uses written out (audiences of audiences multiply).
 */
export const RULE_LIMITS = {
  depth: 6,
  conditions: 200,
  // As many as a rule of its own: the engine's planning time grows faster than the count.
  inlinedConditions: 200,
  listValues: 1000,
  text: 500,
} as const;

// NUL cannot be bound as text on every engine; a clear refusal beats an engine error.
const text = z
  .string()
  .min(1)
  .max(RULE_LIMITS.text)
  .refine((value) => !value.includes('\u0000'), 'must not contain a NUL character');
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int().min(0).max(1_000_000_000);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => isCalendarDate(value), 'must be a real calendar date');

/**
 * What a condition asks of one value. Text tests compare the value as text; number tests read
 * it as a number and date tests as a date (a value that is not one fails the test); relative
 * tests count whole days back from the store's as-of instant. A missing value fails every test
 * but `missing`.
 */
export const valueTestSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.enum(['equals', 'not', 'contains']), value: text }),
  z.strictObject({
    op: z.enum(['in', 'notIn']),
    values: z.array(text).min(1).max(RULE_LIMITS.listValues),
  }),
  z.strictObject({ op: z.enum(['exists', 'missing']) }),
  z.strictObject({ op: z.enum(['gt', 'gte', 'lt', 'lte']), value: finite }),
  z.strictObject({ op: z.literal('between'), min: finite, max: finite }),
  z.strictObject({ op: z.enum(['before', 'after', 'onOrBefore', 'onOrAfter']), date: isoDate }),
  z.strictObject({ op: z.enum(['withinLastDays', 'moreThanDaysAgo']), days: count }),
]);
export type ValueTest = z.infer<typeof valueTestSchema>;
export type TestOp = ValueTest['op'];

/** The kind of value each test reads. */
export const TEST_KIND: Record<TestOp, 'text' | 'number' | 'date' | 'any'> = {
  equals: 'text',
  not: 'text',
  contains: 'text',
  in: 'text',
  notIn: 'text',
  exists: 'any',
  missing: 'any',
  gt: 'number',
  gte: 'number',
  lt: 'number',
  lte: 'number',
  between: 'number',
  before: 'date',
  after: 'date',
  onOrBefore: 'date',
  onOrAfter: 'date',
  withinLastDays: 'date',
  moreThanDaysAgo: 'date',
};

/** A time window for counted conditions: the last D days before the as-of instant, or [from, to) in UTC. */
export const windowSchema = z.union([
  z.strictObject({ lastDays: z.number().int().min(1).max(36_600) }),
  z.strictObject({ from: isoDate, to: isoDate }),
]);
export type RuleWindow = z.infer<typeof windowSchema>;

/** How many times: at least and / or at most (inclusive). "Did not" is `{ atMost: 0 }`. */
export const countSchema = z
  .strictObject({ atLeast: count.optional(), atMost: count.optional() })
  .refine((c) => c.atLeast !== undefined || c.atMost !== undefined, 'needs atLeast or atMost');
export type RuleCount = z.infer<typeof countSchema>;

const attributeCondition = z.strictObject({
  type: z.literal('attribute'),
  attribute: text,
  test: valueTestSchema,
});

const consentCondition = z.strictObject({
  type: z.literal('consent'),
  channel: z.enum(['email', 'sms']),
  subscribed: z.boolean(),
});

const valueCondition = z.strictObject({
  type: z.literal('value'),
  field: z.enum(Object.keys(FEATURE_FIELDS) as [FeatureField, ...FeatureField[]]),
  test: valueTestSchema,
});

const propertyFilter = z.strictObject({ key: text, test: valueTestSchema });

const eventCondition = z.strictObject({
  type: z.literal('event'),
  eventType: text,
  properties: z.array(propertyFilter).max(10).optional(),
  count: countSchema.optional(),
  window: windowSchema.optional(),
});

const purchaseCondition = z.strictObject({
  type: z.literal('purchase'),
  outcome: z.enum(['success', 'canceled', 'returned', 'any']),
  count: countSchema.optional(),
  window: windowSchema.optional(),
});

const campaignCondition = z
  .strictObject({
    type: z.literal('campaign'),
    action: z.enum(['received', 'opened', 'clicked']),
    campaignId: text.optional(),
    channel: text.optional(),
    count: countSchema.optional(),
    window: windowSchema.optional(),
  })
  .refine(
    (c) => c.campaignId !== undefined || c.channel !== undefined,
    'names a campaignId or a channel',
  );

const audienceCondition = z.strictObject({
  type: z.literal('audience'),
  audienceId: text,
  member: z.boolean(),
});

// A dataset and its columns are names of the store's tables, checked against the known ones
// when the rule is compiled; the pattern is the saved queries' own for a dataset name.
const datasetCondition = z
  .strictObject({
    type: z.literal('dataset'),
    dataset: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,47}$/, 'must be a dataset name (a-z, 0-9 and _, 48 at most)'),
    member: z.boolean(),
    column: text.optional(),
    test: valueTestSchema.optional(),
  })
  .refine((c) => (c.column === undefined) === (c.test === undefined), {
    message: 'column and test come together or not at all',
    path: ['column'],
  });

export type AttributeCondition = z.infer<typeof attributeCondition>;
export type ConsentCondition = z.infer<typeof consentCondition>;
export type ValueCondition = z.infer<typeof valueCondition>;
export type EventCondition = z.infer<typeof eventCondition>;
export type PurchaseCondition = z.infer<typeof purchaseCondition>;
export type CampaignCondition = z.infer<typeof campaignCondition>;
export type AudienceCondition = z.infer<typeof audienceCondition>;
export type DatasetCondition = z.infer<typeof datasetCondition>;
export type Condition =
  | AttributeCondition
  | ConsentCondition
  | ValueCondition
  | EventCondition
  | PurchaseCondition
  | CampaignCondition
  | AudienceCondition
  | DatasetCondition;

export type Match = 'all' | 'any' | 'none';
/** A container: all / any / none of its conditions hold. Empty `all` and `none` hold for everyone, empty `any` for no one. */
export interface RuleGroup {
  type: 'group';
  match: Match;
  conditions: RuleNode[];
}
export type RuleNode = Condition | RuleGroup;

const groupSchema: z.ZodType<RuleGroup> = z.lazy(() =>
  z
    .strictObject({
      type: z.literal('group'),
      match: z.enum(['all', 'any', 'none']),
      conditions: z.array(nodeSchema).max(RULE_LIMITS.conditions),
    })
    .meta({ id: 'RuleGroup' }),
);
const nodeSchema: z.ZodType<RuleNode> = z.lazy(() =>
  z
    .union([
      groupSchema,
      attributeCondition,
      consentCondition,
      valueCondition,
      eventCondition,
      purchaseCondition,
      campaignCondition,
      audienceCondition,
      datasetCondition,
    ])
    .meta({ id: 'RuleNode' }),
);

/** A rule: a versioned top-level container. */
export interface Rule {
  version: typeof RULE_VERSION;
  match: Match;
  conditions: RuleNode[];
}

/** Validates a rule's shape, its value tests against the fields they read, and its size. */
export const ruleSchema: z.ZodType<Rule> = z
  .strictObject({
    version: z.literal(RULE_VERSION),
    match: z.enum(['all', 'any', 'none']),
    conditions: z.array(nodeSchema).max(RULE_LIMITS.conditions),
  })
  .superRefine((rule, context) => {
    const size = { conditions: 0 };
    checkNodes(rule.conditions, 1, ['conditions'], size, context);
    if (size.conditions > RULE_LIMITS.conditions) {
      context.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: `a rule holds at most ${RULE_LIMITS.conditions} conditions (this one ${size.conditions})`,
      });
    }
  })
  .meta({ id: 'Rule' });

function checkNodes(
  nodes: readonly RuleNode[],
  depth: number,
  path: (string | number)[],
  size: { conditions: number },
  context: z.RefinementCtx,
): void {
  nodes.forEach((node, index) => {
    const at = [...path, index];
    if (node.type === 'group') {
      if (depth >= RULE_LIMITS.depth) {
        context.addIssue({
          code: 'custom',
          path: at,
          message: `groups nest at most ${RULE_LIMITS.depth} deep`,
        });
        return;
      }
      checkNodes(node.conditions, depth + 1, [...at, 'conditions'], size, context);
      return;
    }
    size.conditions += 1;
    if (node.type === 'value') {
      const kind = FEATURE_FIELDS[node.field].kind;
      const wants = TEST_KIND[node.test.op];
      if (wants !== 'any' && wants !== kind) {
        context.addIssue({
          code: 'custom',
          path: [...at, 'test', 'op'],
          message: `${node.field} is a ${kind}: ${node.test.op} tests a ${wants}`,
        });
      }
    }
  });
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
