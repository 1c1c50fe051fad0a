// `warden audit-drift`: compares the live organization with the Terraform state (or the
// desired-state document) and lists what Terraform cannot see — accounts and keys made
// by hand, keys expiring soon or unused, disabled accounts still holding keys. Registered
// by registerReviewCommands (review.ts). Exit codes: 0 pass, 1 policy fails, 2 no verdict.
import type { Command } from 'commander';
import { EXIT_HELP, parseFormat, reportFailure, REVIEW_EXIT, type ClientFlags, type CommandIo } from '../../review/command-io.ts';
import { analyzeDrift } from '../../review/drift.ts';
import { readDeclaredDocument, readDeclaredStates } from '../../review/drift-input.ts';
import { InputError } from '../../review/errors.ts';
import { DRIFT_RULES } from '../../review/model.ts';
import { applyDriftPolicy, DEFAULT_DRIFT_POLICY, driftPolicy, loadPolicyFile } from '../../review/policy.ts';
import { wantsColour } from '../../review/render-common.ts';
import { renderDrift } from '../../review/render-drift.ts';
import { addClientOptions } from '../client-options.ts';

interface DriftFlags extends ClientFlags {
  state?: string[];
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
    .description(
      'List what the live organization holds that Terraform cannot see: undeclared accounts and keys, expiring or unused keys, disabled accounts with keys.',
    )
    .option(
      '--state <path>',
      'a .tfstate file, terraform show -json output of a state, a Terraform working directory (after terraform init: any backend) or a CDKTF app folder; repeat for an organization split across states or workspaces',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--document <file>', 'or: the organization desired-state document (YAML or JSON) that declares accounts and keys by name')
    .option('--format <format>', 'text (terminal), markdown (a CI summary or issue), json, sarif (code scanning) or junit (CI test report) (default: text)')
    .option(
      '--policy <file>',
      'policy file warden-policy.yaml (warden-policy.schema.json); its audit_drift section: fail_on, expiring_within, unused_for, ignore_accounts',
    )
    .option(
      '--fail-on <rules>',
      `rules that fail the audit, comma-separated: ${DRIFT_RULES.join(', ')}, or all, none (default: every rule but the informational retiring-key: ${DEFAULT_DRIFT_POLICY.failOn.join(', ')})`,
    )
    .option('--expiring-within <duration>', `report keys expiring within this (default: ${DEFAULT_DRIFT_POLICY.expiringWithin})`)
    .option('--unused-for <duration>', `report keys not used for this long (default: ${DEFAULT_DRIFT_POLICY.unusedFor})`)
    .option(
      '--ignore-accounts <names>',
      `comma-separated accounts expected outside Terraform, skipped entirely (default: ${DEFAULT_DRIFT_POLICY.ignoreAccounts.join(', ')})`,
    )
    .addHelpText(
      'after',
      `
Needs the server (WARDEN_ENDPOINT, WARDEN_API_KEY with read access to accounts and keys).
A key revoked with a grace period (the old half of a rotation) is reported as retiring
(info) until its revocation time, never as unmanaged. A --state folder without any state
is an error (exit 2), not an empty organization.

Defaults: fail on ${DEFAULT_DRIFT_POLICY.failOn.join(', ')};
retiring-key is reported only. A --policy file sets the same keys; flags override it.

${EXIT_HELP}

Examples:
  warden audit-drift --state .
  warden audit-drift --state infra/core --state infra/teams --format markdown >> "$GITHUB_STEP_SUMMARY"
  warden audit-drift --state my-cdktf-app        # every stack's state under cdktf.out/stacks
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
  const states = flags.state ?? [];
  if (states.length > 0 === Boolean(flags.document)) {
    throw new InputError(
      'give --state (one or more Terraform states, working directories or CDKTF app folders) or --document (the organization document), not both and not neither',
    );
  }
  const { declared, notes } = states.length > 0 ? readDeclaredStates(states, io.env) : { declared: readDeclaredDocument(flags.document!), notes: [] };
  const inventory = await io.connect(flags).inventory();
  const report = { ...analyzeDrift(inventory, declared, policy), notes };
  const failing = applyDriftPolicy(report.findings, policy);
  io.stdout.write(renderDrift(report, format, { colour: format === 'text' && wantsColour(io.stdout, io.env) }));
  io.setExitCode(failing.length > 0 ? REVIEW_EXIT.policy : REVIEW_EXIT.pass);
}
