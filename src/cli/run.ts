import { CommanderError } from 'commander';
import { ExitCode } from '../shared/errors.js';
import { reportError } from './output.js';
import { programFor } from './command-program.js';

/** Runs the CLI and returns its exit code: 0 ok, 1 failure, 2 bad usage or bad input. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = await programFor(argv);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (or the help / version text).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return reportError(error, argv.includes('--json'));
  }
}
