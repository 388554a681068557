import { z } from 'zod';

export const DESTINATION_KINDS = ['csv', 'webhook', 'email-list'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** What a CSV file or a webhook batch may carry per member, besides the change. */
export const MEMBER_COLUMNS = [
  'customer_id',
  'email',
  'predicted_clv',
  'p_alive',
  'revenue',
  'change',
] as const;
export type MemberColumn = (typeof MEMBER_COLUMNS)[number];

/** Values an email list may keep beside each address (merge fields). */
export const LIST_FIELDS = ['predicted_clv', 'p_alive', 'revenue'] as const;

const attributeName = z.string().min(1).max(100).describe('a customer attribute');

const httpUrl = z
  .string()
  .max(2000)
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL')
  // The config is shown to every reader: credentials belong in the sealed secret.
  .refine((text) => {
    try {
      const url = new URL(text);
      return url.username === '' && url.password === '';
    } catch {
      return true;
    }
  }, 'must not hold a user name or password: pass the token as the secret');

/** A folder inside the project, so that the API cannot have files written anywhere else. */
const projectFolder = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (text) =>
      !text.startsWith('/') && !/^[A-Za-z]:/.test(text) && !text.split(/[\\/]/).includes('..'),
    'must be a folder inside the project (relative, without ..)',
  );

const batchSize = z
  .number()
  .int()
  .min(1)
  .max(10_000)
  .optional()
  .describe('members per delivery; default destinations.batchSize');

export const csvConfigSchema = z.strictObject({
  folder: projectFolder.default('audience-exports').describe('relative to the project folder'),
  columns: z
    .array(z.enum(MEMBER_COLUMNS))
    .min(1)
    .default(['customer_id', 'predicted_clv', 'p_alive', 'revenue', 'change']),
  emailAttribute: attributeName.default('email'),
  batchSize,
});

export const webhookConfigSchema = z.strictObject({
  url: httpUrl,
  columns: z
    .array(z.enum(MEMBER_COLUMNS))
    .min(1)
    .default(['customer_id', 'predicted_clv', 'p_alive', 'revenue', 'change']),
  emailAttribute: attributeName.default('email'),
  batchSize,
});

export const emailListConfigSchema = z.strictObject({
  url: httpUrl,
  emailAttribute: attributeName.default('email'),
  fields: z.array(z.enum(LIST_FIELDS)).default(['predicted_clv']),
  batchSize,
});

export type CsvConfig = z.output<typeof csvConfigSchema>;
export type WebhookConfig = z.output<typeof webhookConfigSchema>;
export type EmailListConfig = z.output<typeof emailListConfigSchema>;

/** A destination's settings with its kind beside them. */
export type DestinationSettings =
  | { kind: 'csv'; config: CsvConfig }
  | { kind: 'webhook'; config: WebhookConfig }
  | { kind: 'email-list'; config: EmailListConfig };

/** Any kind's config, as the API accepts it (validated against the kind afterwards). */
export const anyConfigSchema = z
  .record(z.string(), z.unknown())
  .describe(
    'csv: { folder, columns, emailAttribute, batchSize }; webhook: { url, columns, emailAttribute, batchSize }; email-list: { url, emailAttribute, fields, batchSize }',
  );

/** Whether a kind needs a secret: the webhook's signing secret, the email list's bearer token. */
export function needsSecret(kind: DestinationKind): boolean {
  return kind !== 'csv';
}

/** Reads a kind's config, defaults filled in; the zod error names the wrong field. */
export function parseSettings(kind: DestinationKind, config: unknown): DestinationSettings {
  switch (kind) {
    case 'csv':
      return { kind, config: csvConfigSchema.parse(config) };
    case 'webhook':
      return { kind, config: webhookConfigSchema.parse(config) };
    case 'email-list':
      return { kind, config: emailListConfigSchema.parse(config) };
  }
}

/**
 * Whether the destination receives email addresses: then it must never receive a customer
 * without email consent unless the audience says so.
 */
export function carriesEmail(settings: DestinationSettings): boolean {
  return settings.kind === 'email-list' || settings.config.columns.includes('email');
}

/** The attribute an email address is read from. */
export function emailAttributeOf(settings: DestinationSettings): string {
  return settings.config.emailAttribute;
}
