// `warden review <plan>`: the credential changes of a Terraform plan, per service
// account, with flags and a policy verdict, for a terminal, a pull-request comment
// (Markdown), tools (JSON), code scanning (SARIF) or CI test reports (JUnit). Registers `warden audit-drift` too, so cli/program.ts needs
// one call: registerReviewCommands(program). Exit codes: 0 pass, 1 policy fails, 2 no verdict.
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { analyzePlan, liveNeeds } from '../../review/analyze.ts';
import { loadCdktfMetadata } from '../../review/cdktf.ts';
import { EXIT_HELP, hasCredentials, parseFormat, reportFailure, REVIEW_EXIT, type ClientFlags, type CommandIo } from '../../review/command-io.ts';
import { InputError } from '../../review/errors.ts';
import { fetchInventory, fromWardenClient, gatherLiveFacts, type LiveFacts } from '../../review/live.ts';
import { readPlan } from '../../review/plan-input.ts';
import { terraformLocator } from '../../review/locations.ts';
import { FLAG_RULES } from '../../review/model.ts';
import { applyReviewPolicy, DEFAULT_REVIEW_POLICY, loadPolicyFile, reviewPolicy } from '../../review/policy.ts';
import { wantsColour } from '../../review/render-common.ts';
import { renderReview } from '../../review/render-review.ts';
import { scrub } from '../../review/safe-values.ts';
import { redact } from '../../sdk/errors.ts';
import { addClientOptions } from '../client-options.ts';
import { clientFor } from '../context.ts';
import { registerAuditDrift } from './audit-drift.ts';

/** The real surroundings: process streams and the SDK client built from flags or WARDEN_*. */
export function processIo(): CommandIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    setExitCode: (code) => {
      process.exitCode = code;
    },
    connect: (options) => {
      const client = clientFor(options);
      return { organization: fromWardenClient(client), inventory: () => fetchInventory(client) };
    },
  };
}

interface ReviewFlags extends ClientFlags {
  format?: string;
  policy?: string;
  failOn?: string;
  failUnverified?: boolean;
  maxTtl?: string;
  allowAdmin?: string;
  inUseWithin?: string;
  live?: boolean;
  cdktfJson?: string;
  sourceDir?: string;
}

export function registerReviewCommands(program: Command, io: CommandIo = processIo()): void {
  const review = program
    .command('review <plan>')
    .description('Review the credential changes of a Terraform plan: keys, TTLs, roles and service accounts, with flags and a policy verdict.')
    .option(
      '--format <format>',
      'text (terminal), markdown (a pull-request comment), json (review.schema.json), sarif (code scanning) or junit (CI test report) (default: text)',
    )
    .option('--policy <file>', 'policy file warden-policy.yaml (warden-policy.schema.json): fail_on, fail_unverified, max_ttl, allow_admin, in_use_within')
    .option(
      '--fail-on <rules>',
      `rules that fail the review, comma-separated: ${FLAG_RULES.join(', ')}, or all, none (default: the high-severity rules ${DEFAULT_REVIEW_POLICY.failOn.join(', ')})`,
    )
    .option('--fail-unverified', 'let "cannot verify" flags of those rules fail too (fail closed) (default: off)')
    .option('--max-ttl <duration>', `longest acceptable key ttl (default: ${DEFAULT_REVIEW_POLICY.maxTtl})`)
    .option('--allow-admin <accounts>', 'comma-separated service accounts that may receive admin or permission-managing roles (default: none)')
    .option('--in-use-within <duration>', `a key used this recently counts as in use (default: ${DEFAULT_REVIEW_POLICY.inUseWithin})`)
    .option(
      '--live',
      'require asking the server (WARDEN_ENDPOINT, WARDEN_API_KEY) about deleted or disabled accounts, revoked keys and roles outside the plan (default: ask when credentials are set)',
    )
    .option('--no-live', 'never ask the server; such findings say "cannot verify"')
    .option('--cdktf-json <file>', "the stack's cdk.tf.json, for construct paths (default: beside the plan, if there)")
    .option('--source-dir <dir>', "the Terraform working directory whose .tf files give findings a file and line (default: the plan file's directory)")
    .addHelpText(
      'after',
      `
<plan> is a saved plan (terraform plan -out FILE; read with terraform show -json, honouring
TERRAFORM_BINARY_NAME), its JSON (terraform show -json FILE > plan.json), or - for stdin.
When WARDEN_ENDPOINT and WARDEN_API_KEY are set, the server is asked whether the keys of
deleted or disabled accounts and of revoked keys are still in use, and what roles outside
the plan hold; without them those flags say "cannot verify".

Defaults: fail on ${DEFAULT_REVIEW_POLICY.failOn.join(', ')} (high severity);
rotation-without-grace is reported only; "cannot verify" flags never fail unless
--fail-unverified. A --policy file sets the same keys; flags override it.

${EXIT_HELP}

Examples:
  terraform plan -out plan.bin && warden review plan.bin
  warden review plan.bin --format markdown --policy warden-policy.yaml > comment.md
  warden review plan.bin --format sarif > warden.sarif
  terraform show -json plan.bin | warden review - --format json --fail-on escalation,non-expiring --max-ttl 30d`,
    )
    .action(async (planPath: string, flags: ReviewFlags) => {
      try {
        await runReview(planPath, flags, io);
      } catch (error) {
        reportFailure(io, error);
      }
    });
  addClientOptions(review);
  registerAuditDrift(program, io);
}

async function runReview(planPath: string, flags: ReviewFlags, io: CommandIo): Promise<void> {
  const format = parseFormat(flags.format, flags.json);
  const policy = reviewPolicy(loadPolicyFile(flags.policy), flags);
  const plan = readPlan(planPath, { env: io.env });
  const cdktf = loadCdktfMetadata(flags.cdktfJson, planPath);

  let live: LiveFacts | undefined;
  let liveUnavailable = 'no server access: WARDEN_ENDPOINT and WARDEN_API_KEY are not set';
  const needs = liveNeeds(plan, cdktf);
  const wanted = needs.accountIds.length > 0 || needs.roles.length > 0 || needs.keyIds.length > 0;
  if (flags.live === false) {
    liveUnavailable = 'not asked: --no-live';
  } else if (!hasCredentials(flags, io.env)) {
    if (flags.live === true) {
      throw new InputError('--live needs the server: set WARDEN_ENDPOINT and WARDEN_API_KEY (or --endpoint and --api-key)');
    }
  } else if (wanted) {
    try {
      live = await gatherLiveFacts(io.connect(flags).organization, needs);
    } catch (error) {
      // With --live the lookup is required; otherwise the review goes on and says what it could not check.
      if (flags.live === true) {
        throw error;
      }
      liveUnavailable = `the server could not be asked: ${scrub(redact(error instanceof Error ? error.message : String(error)))}`;
      io.stderr.write(`warning: ${liveUnavailable}\n`);
    }
  }

  const sourceDir = flags.sourceDir ?? (planPath === '-' ? process.cwd() : dirname(planPath));
  const locate = cdktf?.locate ?? terraformLocator(plan, sourceDir);
  const result = analyzePlan(plan, {
    maxTtl: policy.maxTtl,
    allowAdmin: policy.allowAdmin,
    inUseWithin: policy.inUseWithin,
    live,
    liveUnavailable,
    cdktf,
    locate,
  });
  const failing = applyReviewPolicy(result.flags, policy);
  io.stdout.write(renderReview(result, format, { colour: format === 'text' && wantsColour(io.stdout, io.env) }));
  io.setExitCode(failing.length > 0 ? REVIEW_EXIT.policy : REVIEW_EXIT.pass);
}
