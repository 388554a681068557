import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { stepProgressBar } from '../../src/cli/progress-bar.js';

function stream(isTTY: boolean): { stream: NodeJS.WriteStream; text(): string } {
  const through = new PassThrough();
  let text = '';
  through.on('data', (chunk: Buffer) => (text += chunk.toString()));
  Object.assign(through, { isTTY, columns: 60 });
  return { stream: through as unknown as NodeJS.WriteStream, text: () => text };
}

describe('the step progress of long commands', () => {
  it('draws the steps on one terminal line and clears it when done', async () => {
    const tty = stream(true);
    const bar = stepProgressBar('refresh', tty.stream);
    bar.step('reading the events', 0, 4);
    bar.step('building the orders table', 2, 4);
    bar.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(tty.text()).toBe(
      '\rrefresh [........................] 1/4 reading the events\x1b[K' +
        '\rrefresh [############............] 3/4 building the orders \x1b[K' +
        '\r\x1b[K',
    );
  });

  it('writes nothing when not on a terminal', async () => {
    const pipe = stream(false);
    const bar = stepProgressBar('refresh', pipe.stream);
    bar.step('reading the events', 0, 4);
    bar.done();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pipe.text()).toBe('');
  });
});
