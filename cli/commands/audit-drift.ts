// `warden audit-drift`: compares the live organization with the Terraform state (or the
// desired-state document) and lists what Terraform cannot see — accounts and keys made
// by hand, keys expiring soon or unused, disabled accounts still holding keys. Registered
// by registerReviewCommands (review.ts). Exit codes: 0 pass, 1 policy fails, 2 no verdict.
import type { Command } from 'commander';
import { EXIT_HELP, parseFormat, reportFailure, REVIEW_EXIT, type ClientFlags, type CommandIo } from '../../review/command-io.ts';
import { analyzeDrift } from '../../review/drift.ts';
import { readDeclaredDocument, readDeclaredState } from '../../review/drift-input.ts';
import { InputError } from '../../review/errors.ts';
import { applyDriftPolicy, driftPolicy, loadPolicyFile } from '../../review/policy.ts';
import { wantsColour } from '../../review/render-common.ts';
import { renderDrift } from '../../review/render-drift.ts';
import { addClientOptions } from '../client-options.ts';

interface DriftFlags extends ClientFlags {
  state?: string;
  document?: string;
  format?: string;
  policy?: string;
  failOn?: string;
  expiringWithin?: string;
  unusedFor?: string;
  ignoreAccounts?: string;
}

export function registerAuditDrift(program: Command, io: CommandIo): void {
  const command = program
    .command('audit-drift')
    .description('List what the live organization holds that Terraform cannot see: undeclared accounts and keys, expiring or unused keys, disabled accounts with keys.')
    .option('--state <path>', 'a .tfstate file, terraform show -json output of a state, or a Terraform working directory')
    .option('--document <file>', 'or: the organization desired-state document (YAML or JSON) that declares accounts and keys by name')
    .option('--format <format>', 'text (terminal), markdown (a CI summary or issue) or json', 'text')
    .option('--policy <file>', 'policy file (YAML or JSON); its audit_drift section: fail_on, expiring_within, unused_for, ignore_accounts')
    .option('--fail-on <rules>', 'rules that fail the audit: unmanaged-account, unmanaged-key, expiring-key, unused-key, disabled-with-keys (or all, none; default all)')
    .option('--expiring-within <duration>', 'report keys expiring within this (default 14d)')
    .option('--unused-for <duration>', 'report keys not used for this long (default 30d)')
    .option('--ignore-accounts <names>', 'comma-separated accounts expected outside Terraform, skipped entirely (default bootstrap-admin)')
    .addHelpText(
      'after',
      `
Needs the server (WARDEN_ENDPOINT, WARDEN_API_KEY with read access to accounts and keys).

${EXIT_HELP}

Examples:
  warden audit-drift --state .
  warden audit-drift --state terraform.tfstate --format markdown --expiring-within 7d >> "$GITHUB_STEP_SUMMARY"
  warden audit-drift --document organization.yaml --fail-on unmanaged-account,unmanaged-key --format json`,
    )
    .action(async (flags: DriftFlags) => {
      try {
        await runAuditDrift(flags, io);
      } catch (error) {
        reportFailure(io, error);
      }
    });
  addClientOptions(command);
}

async function runAuditDrift(flags: DriftFlags, io: CommandIo): Promise<void> {
  const format = parseFormat(flags.format, flags.json);
  const policy = driftPolicy(loadPolicyFile(flags.policy), flags);
  if (Boolean(flags.state) === Boolean(flags.document)) {
    throw new InputError('give exactly one of --state (a Terraform state or working directory) or --document (the organization document)');
  }
  const declared = flags.state ? readDeclaredState(flags.state, io.env) : readDeclaredDocument(flags.document!);
  const inventory = await io.connect(flags).inventory();
  const report = analyzeDrift(inventory, declared, policy);
  const failing = applyDriftPolicy(report.findings, policy);
  io.stdout.write(renderDrift(report, format, { colour: format === 'text' && wantsColour(io.stdout, io.env) }));
  io.setExitCode(failing.length > 0 ? REVIEW_EXIT.policy : REVIEW_EXIT.pass);
}
