import type { Command } from 'commander';

/** One example per command, by its path after `clv`: every command's help ends with it. */
const EXAMPLES: Record<string, string> = {
  init: 'clv init shop',
  import: 'clv import orders.csv --kind events --project shop',
  demo: 'clv demo --customers 5000 --project demo',
  refresh: 'clv refresh --project shop',
  predict: 'clv predict --holdout-from 2026-05-01 --project shop',
  serve: 'clv serve --port 8080 --project shop',
  metrics: 'clv metrics --from 2026-01-01 --to 2026-07-01 --segment email --project shop',
  'metrics cohorts': 'clv metrics cohorts --to 2026-07-01 --project shop',
  'metrics deciles': 'clv metrics deciles --by predicted --project shop',
  'metrics rfm': 'clv metrics rfm --project shop --json',
  'metrics channels': 'clv metrics channels --from 2026-01-01 --to 2026-07-01 --project shop',
  'metrics nps': 'clv metrics nps --project shop',
  customers: 'clv customers top --limit 10 --project shop',
  'customers search': 'clv customers search --attribute country=DE --project shop',
  'customers top': 'clv customers top --by historic --limit 10 --project shop',
  'customers at-risk': 'clv customers at-risk --min-churn-risk 0.7 --project shop',
  'customers show': 'clv customers show C000042 --project shop',
  audience: 'clv audience list --project shop',
  'audience templates': 'clv audience templates --project shop --json',
  'audience create': 'clv audience create --template winback --name "Winback Q3" --project shop',
  'audience list': 'clv audience list --project shop',
  'audience show': 'clv audience show aud_0123456789 --project shop',
  'audience edit': 'clv audience edit aud_0123456789 --rule rule.json --project shop',
  'audience estimate': 'clv audience estimate --rule rule.json --project shop',
  'audience members': 'clv audience members aud_0123456789 --limit 20 --project shop',
  'audience export': 'clv audience export aud_0123456789 --output members.csv --project shop',
  'audience delete': 'clv audience delete aud_0123456789 --project shop',
  campaigns: 'clv campaigns --from 2026-01-01 --to 2026-06-30 --project shop',
  'campaigns list': 'clv campaigns list --from 2026-01-01 --project shop --json',
  'campaigns show': 'clv campaigns show spring-sale --project shop',
  query:
    'clv query "SELECT status, count(*) AS orders FROM orders GROUP BY 1" --format csv --project shop',
  queries: 'clv queries list --project shop',
  'queries list': 'clv queries list --project shop --json',
  'queries show': 'clv queries show qry_0123456789 --project shop',
  'queries save':
    'clv queries save --name "Big spenders" --sql "SELECT customer_id FROM customer_summary WHERE revenue >= {{minimum}}" --default minimum=500 --project shop',
  'queries edit': 'clv queries edit qry_0123456789 --default lookback_days=180 --project shop',
  'queries run': 'clv queries run qry_0123456789 --param minimum=1000 --format csv --project shop',
  'queries delete': 'clv queries delete qry_0123456789 --project shop',
  key: 'clv key create --role read --name dashboard --project shop',
  'key create': 'clv key create --role admin --name ops --project shop',
  'key list': 'clv key list --project shop --json',
  'key revoke': 'clv key revoke 0123456789ab --project shop',
  destination: 'clv destination list --project shop',
  'destination add':
    'clv destination add --name crm --kind webhook --url https://crm.example.com/hook --secret-env HOOK_SECRET --project shop',
  'destination list': 'clv destination list --project shop --json',
  'destination remove': 'clv destination remove dst_0123456789 --project shop',
  'audience activate':
    'clv audience activate aud_0123456789 --destination dst_0123456789 --holdout 0.1 --project shop',
  'audience activations': 'clv audience activations --audience aud_0123456789 --project shop',
  'audience deliveries': 'clv audience deliveries act_0123456789 --project shop',
  'audience deactivate': 'clv audience deactivate act_0123456789 --project shop',
  'audience sync': 'clv audience sync --project shop',
};

/** Every command of `program`, below it, with its path after `clv`. */
export function commandsBelow(program: Command, prefix = ''): [string, Command][] {
  return program.commands.flatMap((command): [string, Command][] => {
    const path = `${prefix}${command.name()}`;
    return [[path, command], ...commandsBelow(command, `${path} `)];
  });
}

/**
 * Finishes every command's help: required options say so, and an example closes it. A
 * command without an example is a mistake the CLI's help test names.
 */
export function finishHelp(program: Command): void {
  for (const [path, command] of commandsBelow(program)) {
    for (const option of command.options) {
      if (option.mandatory && !option.description.endsWith('(required)')) {
        option.description = `${option.description} (required)`;
      }
    }
    const example = EXAMPLES[path];
    if (example) command.addHelpText('after', `\nExample:\n  $ ${example}`);
  }
}
