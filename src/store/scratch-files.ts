import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Names this process's scratch files. A pid alone would not do: pids are reused, and a process
 * must never sweep away the files of another store it has open itself.
 */
const OWNER = `${process.pid}-${randomBytes(4).toString('hex')}`;

/** Files readable by their owner alone: they hold raw events and uploaded files. */
const FILE_MODE = 0o600;

/**
 * A new path in the project's scratch folder (made when missing, owner-only), ending with
 * `suffix`. Scratch files hold what a command reads once and then removes; what a killed
 * process left goes at the next open of the store (`sweepScratch`).
 */
export async function scratchPath(dir: string, suffix: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return join(dir, `${OWNER}-${randomUUID()}${suffix}`);
}

/** Writes text to a new scratch file that only this user may read; returns its path. */
export async function writeScratch(dir: string, suffix: string, text: string): Promise<string> {
  const path = join(dir, `${OWNER}-${randomUUID()}${suffix}`);
  const write = () => writeFile(path, text, { encoding: 'utf8', mode: FILE_MODE, flag: 'wx' });
  try {
    await write();
  } catch (error) {
    // The folder is made on first use (or again, if someone removed it), not before each batch.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await write();
  }
  return path;
}

/** Options for a write stream of a new scratch file that only this user may read. */
export const SCRATCH_STREAM = { mode: FILE_MODE, flags: 'wx' } as const;

/**
 * Removes the scratch files of other processes: call it holding the store's lock, when no other
 * process can be using the project. Also removes what versions before the scratch folder left:
 * uploads in `<project>/uploads` and, for processes that are gone, batch files in the system's
 * temp folder. Returns how many files went.
 */
export async function sweepScratch(dir: string, projectDir: string): Promise<number> {
  let removed = await removeMatching(dir, (name) => !name.startsWith(`${OWNER}-`));
  const uploads = join(projectDir, 'uploads');
  removed += await removeMatching(uploads, (name) => LEGACY_UPLOAD.test(name));
  // The folder itself only when nothing else is in it: a user may have put files there.
  await rmdir(uploads).catch(() => undefined);
  removed += await removeMatching(tmpdir(), (name) => {
    const pid = LEGACY_BATCH.exec(name)?.[1];
    return pid !== undefined && !isRunning(Number(pid));
  });
  return removed;
}

const LEGACY_UPLOAD = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/;
const LEGACY_BATCH = /^clv-batch_(\d+)_\d+-[0-9a-f-]{36}\.csv$/;

async function removeMatching(dir: string, matches: (name: string) => boolean): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const doomed = names.filter(matches);
  await Promise.all(doomed.map((name) => rm(join(dir, name), { force: true, recursive: true })));
  return doomed.length;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
