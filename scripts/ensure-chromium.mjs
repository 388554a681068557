// Makes sure the Chromium the browser tests drive is installed (Debian's, at /usr/bin/chromium,
// or the binary CLV_CHROMIUM names). Costs one stat when it is there; installs it with apt-get
// when running as root; otherwise says how and exits 1.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
const HOW_TO =
  'Chromium is needed for the browser tests: run  sudo apt-get install -y chromium  (or set CLV_CHROMIUM to a Chromium binary)';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function aptGet(args) {
  console.log(`ensure-chromium: apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

const named = process.env.CLV_CHROMIUM;
if (named) {
  // Installing Debian's package would not put a binary at a path the user chose.
  if (executable(named)) process.exit(0);
  console.error(`CLV_CHROMIUM is ${named}, which is not an executable file`);
  console.error(HOW_TO);
  process.exit(1);
}
if (executable(DEFAULT_CHROMIUM)) process.exit(0);
if (process.getuid?.() !== 0) {
  console.error(HOW_TO);
  process.exit(1);
}
console.log(`ensure-chromium: ${DEFAULT_CHROMIUM} is missing, installing Debian's chromium`);
// The package lists are only refreshed when the install fails: on a machine with fresh lists
// an update is a needless network round trip.
const installed =
  aptGet(['install', '-y', 'chromium']) ||
  (aptGet(['update']) && aptGet(['install', '-y', 'chromium']));
if (!installed || !executable(DEFAULT_CHROMIUM)) {
  console.error(`ensure-chromium: the install did not leave a binary at ${DEFAULT_CHROMIUM}`);
  console.error(HOW_TO);
  process.exit(1);
}
console.log(`ensure-chromium: installed ${DEFAULT_CHROMIUM}`);
