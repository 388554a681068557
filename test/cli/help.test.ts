import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { commandsBelow } from '../../src/cli/help-examples.js';
import { buildProgram } from '../../src/cli/command-program.js';
import { runClv } from '../helpers/run-cli.js';

// Each help is read from a program of its own, since reading it sets where the command writes.
async function helpOf(path: string): Promise<string> {
  const found = commandsBelow(await buildProgram()).find(([name]) => name === path);
  if (!found) throw new Error(`no command ${path}`);
  const [, command] = found;
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk) });
  command.outputHelp();
  return text;
}

const paths = commandsBelow(await buildProgram()).map(([path]) => path);

describe('the help of every command', () => {
  it('covers the commands a newcomer meets', () => {
    expect(paths).toEqual(
      expect.arrayContaining(['import', 'metrics', 'metrics rfm', 'customers top', 'key create']),
    );
    expect(paths.length).toBeGreaterThanOrEqual(20);
  });

  it.each(paths)(
    'clv %s --help lists --project and --json and ends with an example',
    async (path) => {
      const help = await helpOf(path);
      expect(help).toMatch(/^ {2}--project <dir> +the project folder/m);
      expect(help).toMatch(/^ {2}--json +machine-readable output/m);
      expect(help).toMatch(new RegExp(`\\nExample:\\n {2}\\$ clv ${path} .*\\n$`));
    },
  );

  it('marks required options', async () => {
    expect(await helpOf('import')).toMatch(
      /--kind <kind> +events \| customers \| costs \| rates \(required\)/,
    );
    expect(await helpOf('key create')).toMatch(/--role <role> .*\(required\)/s);
    expect(await helpOf('import')).not.toMatch(/--format.*\(required\)/);
  });

  it('clv --version prints the package version', async () => {
    const { version } = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const result = await runClv(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});
