// `warden review <plan>` and `warden audit-drift`: credential-focused reports for pull
// requests and CI. Exit codes: 0 pass, 1 policy failure / drift found, 2 input error.
import { collect } from '../../sdk/client.ts';
import type { Command } from 'commander';
import { analyzePlan } from '../../review/analyze.ts';
import { analyzeDrift, readManaged, readManagedFromDocument, renderDrift } from '../../review/drift.ts';
import { InputError, readPlan } from '../../review/plan-input.ts';
import { failures, loadPolicy } from '../../review/policy.ts';
import { renderJson, renderMarkdown, renderTerminal, scrub } from '../../review/render.ts';
import { clientFor } from '../context.ts';
import { addClientOptions } from '../client-options.ts';

type Format = 'text' | 'markdown' | 'json';
const colourful = () => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

function format(value: string): Format {
  if (!['text', 'markdown', 'json'].includes(value)) {
    throw new InputError(`--format must be text, markdown or json, not "${value}"`);
  }
  return value as Format;
}


function fail(error: unknown): void {
  process.stderr.write(`error: ${scrub((error as Error).message)}\n`);
  process.exitCode = error instanceof InputError ? 2 : 1;
}

export function registerReviewCommands(program: Command): void {
  const review = program
    .command('review <plan>')
    .description('Review the credential changes of a Terraform plan (binary plan file, `terraform show -json` output, or - for stdin).')
    .option('--format <format>', 'text, markdown (for a pull-request comment) or json', 'text')
    .option('--policy <file>', 'YAML/JSON policy: fail_on, max_ttl, allow_admin')
    .option('--fail-on <rules>', 'comma-separated rules that fail the review: escalation, non-expiring, ttl-above-limit, delete-in-use, rotation-without-grace')
    .option('--max-ttl <duration>', 'longest acceptable key ttl (default 90d)')
    .option('--allow-admin <accounts>', 'comma-separated accounts that may receive admin')
    .option('--live', 'ask the server (WARDEN_ENDPOINT/WARDEN_API_KEY) whether deleted accounts still have keys in use')
    .addHelpText('after', '\nExit codes: 0 passes, 1 fails policy, 2 bad input.\n\nExample:\n  terraform plan -out plan.bin && warden review plan.bin --format markdown --fail-on escalation,non-expiring')
    .action(async (planPath: string, flags: Record<string, string | boolean | undefined>) => {
      try {
        const policy = loadPolicy(flags.policy as string | undefined, { failOn: flags.failOn as string, maxTtl: flags.maxTtl as string, allowAdmin: flags.allowAdmin as string });
        const plan = readPlan(planPath);
        let liveUsage: Map<string, string | null> | undefined;
        if (flags.live) {
          const client = clientFor(flags);
          liveUsage = new Map();
          for (const key of await collect(client.keys.iterate({ status: 'active' }))) {
            const previous = liveUsage.get(key.service_account_id) ?? null;
            liveUsage.set(key.service_account_id, previous && key.last_used_at && previous > key.last_used_at ? previous : key.last_used_at ?? previous);
          }
        }
        const result = analyzePlan(plan, { maxTtl: policy.maxTtl, allowAdmin: policy.allowAdmin, liveUsage });
        const rendered = { review: result, failures: failures(result.flags, policy) };
        const chosen = format(String(flags.format));
        process.stdout.write(chosen === 'json' ? renderJson(rendered) : chosen === 'markdown' ? renderMarkdown(rendered) : renderTerminal(rendered, colourful()));
        process.exitCode = rendered.failures.length > 0 ? 1 : 0;
      } catch (error) {
        fail(error);
      }
    });
  addClientOptions(review);

  const drift = program
    .command('audit-drift')
    .description('List what exists in the live organization outside Terraform, and keys that need attention.')
    .option('--state <path>', 'a .tfstate file, `terraform show -json` output, or a Terraform working directory')
    .option('--document <file>', 'or: the organization desired-state document (YAML/JSON) that declares the accounts and keys')
    .option('--format <format>', 'text, markdown or json', 'text')
    .option('--expiring-within <duration>', 'report keys expiring within this', '14d')
    .option('--unused-for <duration>', 'report keys unused this long', '30d')
    .option('--ignore-account <names>', 'accounts expected outside Terraform', 'bootstrap-admin')
    .addHelpText('after', '\nExit codes: 0 no findings, 1 findings, 2 bad input.')
    .action(async (flags: Record<string, string | boolean | undefined>) => {
      try {
        const chosen = format(String(flags.format));
        if (Boolean(flags.state) === Boolean(flags.document)) {
          throw new InputError('give exactly one of --state (Terraform state) or --document (organization document)');
        }
        const managed = flags.state ? readManaged(String(flags.state)) : readManagedFromDocument(String(flags.document));
        const client = clientFor(flags);
        const me = await client.whoami();
        const accounts = await collect(client.serviceAccounts.iterate());
        const keys = await collect(client.keys.iterate({}));
        const findings = analyzeDrift(accounts, keys, managed, {
          now: new Date(me.server_time),
          expiringWithin: String(flags.expiringWithin),
          unusedFor: String(flags.unusedFor),
          ignoreAccounts: String(flags.ignoreAccount).split(',').map((s) => s.trim()),
        });
        process.stdout.write(scrub(renderDrift(findings, chosen, colourful())));
        process.exitCode = findings.length > 0 ? 1 : 0;
      } catch (error) {
        fail(error);
      }
    });
  addClientOptions(drift);
}
