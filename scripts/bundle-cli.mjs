// `npm run build`, after tsc: the CLI as one bundle in dist/bin/. Node spent about 0.5 s of every
// `clv` command resolving, reading and (for the CommonJS packages) lexing some 300 modules; as a
// bundle the same command starts in about a third of the time. Commands stay in chunks of their
// own, loaded only when asked for; DuckDB's native binding is loaded from node_modules.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bin');

await rm(outdir, { recursive: true, force: true });
await build({
  // The query worker is a process of its own, started from the folder of the code that runs it.
  entryPoints: {
    clv: join(root, 'dist', 'cli', 'main.js'),
    'query-worker': join(root, 'dist', 'query', 'query-worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ESM builds where a package has one (jsonc-parser's main is UMD, which esbuild cannot follow).
  mainFields: ['module', 'main'],
  external: ['@duckdb/node-bindings'],
  // The CommonJS packages inside the bundle require the native binding.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  // Beside the entries: the code finds package.json and the dashboard two folders up.
  logLevel: 'warning',
});
