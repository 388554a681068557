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
  const issues = result.error.issues.flatMap(closest).map((issue) => ({
    field: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const message = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  throw new ClvError('bad_input', message, { details: issues });
}

/**
 * A union that no branch accepts says why for the branch that came closest (the fewest issues,
 * then the deepest: the branch that read further into the value), so that a body in one of two
 * shapes still names its wrong fields, not just "invalid input".
 */
function closest(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const depth = (issues: readonly z.core.$ZodIssue[]) =>
    issues.reduce((sum, inner) => sum + inner.path.length, 0);
  const branches = [...issue.errors].sort((a, b) => a.length - b.length || depth(b) - depth(a));
  const best = branches[0] ?? [];
  return best.flatMap((inner) => closest({ ...inner, path: [...issue.path, ...inner.path] }));
}
