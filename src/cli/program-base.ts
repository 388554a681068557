import { Command, Option } from 'commander';
import { packageVersion } from '../shared/package-version.js';

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
