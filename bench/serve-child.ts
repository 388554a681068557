/** `clv serve` (or any server that prints its start line) as a child process of a benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import { listeningUrl } from '../test/helpers/listening-url.js';

export interface ServerChild {
  child: ChildProcess;
  url: string;
}

/** `clv serve --json` on the project, on a free loopback port. */
export function serve(cli: string, project: string): Promise<ServerChild> {
  return start(process.execPath, [cli, 'serve', '--project', project, '--port', '0', '--json']);
}

/**
 * `clv serve --no-warm-up`: a server that computes nothing behind its start, neither the answers
 * read before the last stop nor the first visit's (what a benchmark of cold answers must not meet).
 */
export function serveCold(cli: string, project: string): Promise<ServerChild> {
  return start(process.execPath, [
    cli,
    'serve',
    '--project',
    project,
    '--port',
    '0',
    '--json',
    '--no-warm-up',
  ]);
}

/** Spawns a server that prints `clv serve --json`'s start line; resolves with its address. */
export async function start(command: string, args: string[]): Promise<ServerChild> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  try {
    if (!child.stdout) throw new Error('no stdout');
    return { child, url: await listeningUrl(child.stdout) };
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${args.join(' ')} did not start within 60 s: ${errors}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve()
      : child.once('exit', () => resolve()),
  );
}

/** Stops a server and waits until it has exited. */
export async function stop(server: ServerChild): Promise<void> {
  server.child.kill('SIGTERM');
  await exited(server.child);
}

/** `clv <args>`, its output shown; rejects when it fails. */
export function runCli(cli: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: 'inherit' });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`clv ${args[0]} exited ${code}`)),
    );
  });
}
