import type { z } from 'zod';
import { ClvError } from '../shared/errors.js';

/**
 * Parses one part of a request with its schema. A failure is a 400 naming each wrong field
 * (`query.from: …`), with the issues as details.
 */
export function validate<T extends z.ZodType>(
  schema: T | undefined,
  value: unknown,
  part: 'params' | 'query' | 'body',
): z.output<T> | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const message = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  throw new ClvError('bad_input', message, { details: issues });
}
