import { readFile } from 'node:fs/promises';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { ClvError } from '../shared/errors.js';
import { configSchema, defaultConfig, type Config } from './schema.js';

/** Reads and validates a config file (JSON with comments); a missing file gives the defaults. */
export async function loadConfig(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultConfig();
    throw new ClvError('config', `${file}: cannot be read (${(error as Error).message})`);
  }
  return parseConfig(text, file);
}

/** Validates config text; every error names the file and the key. */
export function parseConfig(text: string, file: string): Config {
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) {
    const line = text.slice(0, first.offset).split('\n').length;
    throw new ClvError(
      'config',
      `${file}: line ${line}: invalid JSON (${printParseErrorCode(first.error)})`,
    );
  }
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) throw new ClvError('config', describeIssues(file, result.error.issues));
  return result.data;
}

function describeIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${file}: ${at ? `${at}.` : ''}${key}: unknown key`);
    }
    return [`${file}: ${at || '(root)'}: ${issue.message}`];
  });
  return lines.join('\n');
}
