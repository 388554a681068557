import type { Readable } from 'node:stream';

/** The start line `clv serve --json` prints on stdout once it listens. */
export interface ListeningLine {
  event: 'listening';
  url: string;
}

/**
 * Resolves with the address in `clv serve --json`'s start line on `stdout` (the request log
 * shares the stream: its lines have no `event`); rejects when the stream ends first.
 */
export function listeningUrl(stdout: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let pending = '';
    const onData = (chunk: Buffer): void => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const url = startUrl(line);
        if (url === null) continue;
        stdout.off('data', onData);
        stdout.off('end', onEnd);
        // Keep draining, so that a full pipe never blocks the server's log.
        stdout.resume();
        resolve(url);
        return;
      }
    };
    const onEnd = (): void => reject(new Error('clv serve ended before it printed its address'));
    stdout.on('data', onData);
    stdout.once('end', onEnd);
  });
}

/** The url of a start line, or null for any other line (a request log line, a half line). */
export function startUrl(line: string): string | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(line) as Partial<ListeningLine>;
    return parsed.event === 'listening' && typeof parsed.url === 'string' ? parsed.url : null;
  } catch {
    return null;
  }
}
