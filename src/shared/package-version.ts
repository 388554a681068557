import { readFileSync } from 'node:fs';

let version: string | undefined;

/** The product's version, from its package.json (read once). */
export function packageVersion(): string {
  // dist/bin/ (the bundle), dist/<folder>/ and src/<folder>/ all sit two folders below the
  // package root.
  version ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;
  return version;
}
