import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What `clv serve` writes into its project once it listens, and prints with --json. */
export interface ServerLine {
  event: 'listening';
  url: string;
  api: string;
  dashboard: string | null;
  /** Whether requests need no key (loopback, no key yet) at start. */
  open: boolean;
  pid: number;
}

/** `<project>/.clv/server.json`: where other commands find the server holding the store. */
export function serverFilePath(projectDir: string): string {
  return join(projectDir, '.clv', 'server.json');
}

export async function writeServerFile(projectDir: string, line: ServerLine): Promise<void> {
  const path = serverFilePath(projectDir);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(line)}\n`, { encoding: 'utf8', mode: 0o600 });
}

/** Removes the file if it is still this process's (a newer server may have replaced it). */
export async function removeServerFile(projectDir: string, pid = process.pid): Promise<void> {
  const line = await readServerFile(projectDir);
  if (line?.pid === pid) await rm(serverFilePath(projectDir), { force: true });
}

/** The file's line, or null when there is none or it is not one of ours. */
export async function readServerFile(projectDir: string): Promise<ServerLine | null> {
  let text: string;
  try {
    text = await readFile(serverFilePath(projectDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const line = JSON.parse(text) as Partial<ServerLine>;
    if (line.event !== 'listening' || typeof line.url !== 'string') return null;
    if (typeof line.pid !== 'number' || typeof line.api !== 'string') return null;
    return line as ServerLine;
  } catch {
    return null;
  }
}

/**
 * The running server of the project, or null when the file is missing or stale: its process
 * is gone (killed, say, before it could remove the file) or its address does not answer.
 */
export async function liveServer(projectDir: string): Promise<ServerLine | null> {
  const line = await readServerFile(projectDir);
  if (!line || !processAlive(line.pid)) return null;
  try {
    const response = await fetch(`${line.api}/openapi.json`, {
      method: 'HEAD',
      signal: AbortSignal.timeout(2_000),
    });
    await response.arrayBuffer();
    return line;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
