import { describe, expect, it } from 'vitest';
import type { BatchOutcome } from '../../src/ingest/ingest-batch.js';
import { IngestQueue } from '../../src/server/ingest-queue.js';

/** A store that rejects events equal to "bad" and reports events equal to "dup" as duplicates. */
function recordingStore(batches: unknown[][]) {
  return async (events: readonly unknown[]): Promise<BatchOutcome> => {
    batches.push([...events]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const duplicates = events.flatMap((e, index) =>
      e === 'dup' ? [{ index, eventId: 'dup' }] : [],
    );
    const rejected = events.flatMap((e, index) => (e === 'bad' ? [{ index, reason: 'bad' }] : []));
    return {
      importId: batches.length,
      accepted: events.length - duplicates.length - rejected.length,
      duplicates,
      rejected,
    };
  };
}

describe('group commit', () => {
  it('commits requests that wait together in one batch and gives each its own outcomes', async () => {
    const batches: unknown[][] = [];
    const queue = new IngestQueue(recordingStore(batches));
    const first = queue.submit(['ok']);
    const [a, b, c] = await Promise.all([
      queue.submit(['ok', 'bad']),
      queue.submit(['dup', 'ok', 'bad']),
      queue.submit([]),
      first,
    ]);
    expect(batches).toEqual([['ok'], ['ok', 'bad', 'dup', 'ok', 'bad']]);
    expect(a).toEqual({
      importId: 2,
      accepted: 1,
      duplicates: [],
      rejected: [{ index: 1, reason: 'bad' }],
    });
    expect(b).toEqual({
      importId: 2,
      accepted: 1,
      duplicates: [{ index: 0, eventId: 'dup' }],
      rejected: [{ index: 2, reason: 'bad' }],
    });
    expect(c).toEqual({ importId: 2, accepted: 0, duplicates: [], rejected: [] });
  });

  it('keeps batches under the size limit, and lone requests alone, in order', async () => {
    const batches: unknown[][] = [];
    const queue = new IngestQueue(
      recordingStore(batches),
      3,
      () => undefined,
      (events) => events.includes('lone'),
    );
    await Promise.all([
      queue.submit(['x']),
      queue.submit(['a', 'b']),
      queue.submit(['c']),
      queue.submit(['lone']),
      queue.submit(['d']),
      queue.submit(['e']),
    ]);
    expect(batches).toEqual([['x'], ['a', 'b', 'c'], ['lone'], ['d', 'e']]);
  });

  it('fails every request of a batch that fails, and goes on with the next', async () => {
    let calls = 0;
    const queue = new IngestQueue(async (events) => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (calls === 2) throw new Error('disk full');
      return { importId: calls, accepted: events.length, duplicates: [], rejected: [] };
    });
    const first = queue.submit(['a']);
    const failed = [queue.submit(['b']), queue.submit(['c'])];
    await expect(first).resolves.toMatchObject({ accepted: 1 });
    await expect(Promise.all(failed)).rejects.toThrow('disk full');
    await expect(queue.submit(['d'])).resolves.toMatchObject({ importId: 3 });
  });
});
