import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { RENEWED_ANSWERS, type ResponseCache } from './response-cache.js';
import { API_PREFIX } from './route.js';

/**
 * Where a server keeps the requests behind the answers read most recently, for the next start
 * to ask again: in the project's own folder, beside the query snapshot.
 */
export function recentAnswersFile(projectDir: string): string {
  return join(projectDir, '.clv', 'recent-answers.json');
}

/** A request the file may hold: a GET of the API, as short as an address Node accepts. */
const request = z
  .string()
  .max(16_384)
  .refine((url) => url.startsWith(`${API_PREFIX}/`) && !/\s/.test(url) && !hasControl(url));

/** Whether the text holds a control character (which no address sent by a browser has). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

const recentFile = z.strictObject({
  version: z.literal(1),
  requests: z.array(request).max(RENEWED_ANSWERS),
});

export interface RecentRequests {
  requests: string[];
  /** Why the file was not used, for the log; null when it was, or when there is none yet. */
  problem: string | null;
}

/** The requests the last run kept; none when there is no file, or when it is not ours. */
export async function readRecentRequests(file: string): Promise<RecentRequests> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { requests: [], problem: null };
    return { requests: [], problem: `${file} could not be read: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { requests: [], problem: `${file} is not JSON: it is ignored` };
  }
  const parsed = recentFile.safeParse(json);
  if (!parsed.success) {
    return {
      requests: [],
      problem: `${file} is not a list of API requests: it is ignored`,
    };
  }
  return { requests: parsed.data.requests, problem: null };
}

/** Writes the list whole or not at all: a server killed while writing leaves the old one. */
export async function writeRecentRequests(
  file: string,
  requests: readonly string[],
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, `${JSON.stringify({ version: 1, requests }, null, 2)}\n`, 'utf8');
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** How often the list is written when it changed: a server killed loses at most this much. */
const SAVE_EVERY_MS = 30_000;

/**
 * Keeps the cache's most recent requests in the file: every half minute when they changed, and
 * when the server stops; never an empty list. A write that fails is reported and tried again at
 * the next turn.
 */
export class RecentAnswers {
  private written = '';
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly cache: ResponseCache,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Remembers what the file holds now, so that an unchanged list is not written again. */
  start(read: readonly string[]): void {
    this.written = JSON.stringify(read);
    this.timer = setInterval(() => void this.save(), SAVE_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.save();
  }

  /** Writes the list if it changed since the last write; one write at a time. */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const requests = this.cache.recentSources();
      const text = JSON.stringify(requests);
      // An empty cache means nothing was read since the start (a server started cold, say):
      // the list read before is still the best guess of what the next start should compute.
      if (requests.length === 0 || text === this.written) return;
      try {
        await writeRecentRequests(this.file, requests);
        this.written = text;
      } catch (error) {
        this.onError(error);
      }
    });
    return this.saving;
  }
}
