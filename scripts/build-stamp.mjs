// The build's stamp: a hash of everything `npm run build` reads, written into dist/ when a build
// ends well. `npm test` builds only when the stamp is missing or differs, so that the build that
// `npm ci` has just run (its `prepare`) is not run again before the tests (14 s of the run).
// `clear` (the build's first step) removes it: a build that stops half-way leaves none.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP_FILE = 'dist/.build-stamp';
const STAMP = join(ROOT, STAMP_FILE);
/** What the build reads: the code, the dashboard, the build scripts, the compilers' settings. */
const INPUT_DIRS = ['src', 'web', 'scripts'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
/** Written by the build itself (the API types), or not read by it. */
const SKIPPED = new Set(['node_modules', 'generated']);
/** What must be there for a build to count as whole. */
const OUTPUTS = [
  'dist/bin/clv.js',
  'dist/bin/query-worker.js',
  'dist/web/index.html',
  'web/src/api/generated/api-schema.ts',
];

function filesUnder(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/** The hash of the build's inputs, their paths and contents, and of the Node.js that builds. */
export function inputsHash(root = ROOT) {
  const files = [
    ...INPUT_DIRS.filter((dir) => existsSync(join(root, dir))).flatMap((dir) =>
      filesUnder(join(root, dir)),
    ),
    ...INPUT_FILES.map((file) => join(root, file)).filter((file) => existsSync(file)),
  ]
    .map((file) => relative(root, file).split('\\').join('/'))
    .sort();
  const hash = createHash('sha256').update(`node ${process.version}\n`);
  for (const file of files) {
    hash
      .update(`${file}\n`)
      .update(readFileSync(join(root, file)))
      .update('\n');
  }
  return hash.digest('hex');
}

/** Whether dist/ under `root` holds a whole build of the inputs as they are now. */
export function buildIsCurrent(root = ROOT) {
  const stamp = join(root, STAMP_FILE);
  if (!existsSync(stamp)) return false;
  if (!OUTPUTS.every((file) => existsSync(join(root, file)))) return false;
  return readFileSync(stamp, 'utf8').trim() === inputsHash(root);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const action = process.argv[2];
  if (action === 'clear') rmSync(STAMP, { force: true });
  else if (action === 'write') writeFileSync(STAMP, `${inputsHash()}\n`, 'utf8');
  else {
    console.error('usage: node scripts/build-stamp.mjs clear|write');
    process.exit(2);
  }
}
