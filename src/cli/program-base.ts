import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';

/** The `clv` command line without its commands: every command takes --project DIR and --json. */
export function baseProgram(): Command {
  return (
    new Command('clv')
      .description('clv-dashboard: customer lifetime value from your own data')
      .addOption(new Option('--project <dir>', 'the project folder').default('.'))
      .option('--json', 'machine-readable output')
      .version(packageVersion(), '-V, --version', 'print the version of clv')
      // Set before the commands exist, which copy it: their help lists --project and --json too.
      .configureHelp({ showGlobalOptions: true })
      .showHelpAfterError()
      .exitOverride()
  );
}

function packageVersion(): string {
  // dist/bin/ (the bundle), dist/cli/ and src/cli/ all sit two folders below the package root.
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
