// Which findings fail CI, from a policy file (warden-policy.yaml, YAML or JSON) and/or
// flags; flags win. One file serves the CDKTF aspects (top-level keys and `synth:`),
// `warden review` (top-level keys) and `warden audit-drift` (`audit_drift:`). The file is
// validated against warden-policy.schema.json, with errors naming the field; unknown
// keys are errors, so a typo never silently weakens a policy.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import policySchema from './warden-policy.schema.json' with { type: 'json' };
import { isDuration } from '../sdk/duration.ts';
import { InputError } from './errors.ts';
import { DRIFT_RULES, FLAG_RULES, type DriftFinding, type DriftRule, type Flag, type FlagRule } from './model.ts';

export interface ReviewPolicy {
  failOn: FlagRule[];
  maxTtl: string;
  allowAdmin: string[];
  inUseWithin: string;
  /** Whether "cannot verify" (low severity) flags of a failing rule fail too. @default false */
  failUnverified: boolean;
}

export interface DriftPolicy {
  failOn: DriftRule[];
  expiringWithin: string;
  unusedFor: string;
  ignoreAccounts: string[];
}

/** The `synth:` section: rules only the CDKTF aspects check (kept here so review knows the whole file). */
export interface SynthPolicy {
  forbiddenRoles?: string[];
  requireDescriptions?: boolean;
  labelPattern?: string;
}

export interface PolicyFile {
  review: Partial<ReviewPolicy>;
  drift: Partial<DriftPolicy>;
  synth: SynthPolicy;
}

export { policySchema };

const validatePolicy = new Ajv2020({ allErrors: true, strict: false, verbose: true }).compile(policySchema);

const KEYWORD_RANK = ['enum', 'additionalProperties', 'pattern', 'minLength', 'type'];

/** `/audit_drift/fail_on/0` → `audit_drift.fail_on[0]`. */
const fieldOf = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');

function describeError(error: ErrorObject, source: string): string {
  const field = fieldOf(error.instancePath);
  const where = field ? `${source} ${field}` : source;
  const value = error.data;
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      return `${where}: unknown key "${(error.params as { additionalProperty: string }).additionalProperty}" (expected ${allowed.join(', ')})`;
    }
    case 'enum':
      return `${where}: "${String(value)}" is not a rule; use ${(error.params as { allowedValues: string[] }).allowedValues.join(', ')} (or all, none)`;
    case 'pattern':
      return /duration|_ttl|_within|_for$/.test(field) && !field.endsWith('fail_on')
        ? `${where}: "${String(value)}" is not a duration; use a whole number and s, m, h or d (e.g. 90d)`
        : `${where}: "${String(value)}" is not a list of rules; use a YAML list or comma-separated rule names (or all, none)`;
    case 'type': {
      const wanted = String((error.params as { type: string | string[] }).type);
      const words: Record<string, string> = { boolean: 'true or false', object: 'a mapping', 'object,null': 'a mapping', array: 'a list', string: 'text' };
      return `${where}: expected ${words[wanted] ?? wanted}${field ? '' : ' with fail_on, fail_unverified, max_ttl, allow_admin, in_use_within, synth, audit_drift'}`;
    }
    default:
      return `${where}: ${error.message ?? 'invalid'}`;
  }
}

/** Schema errors, the most telling one per field (oneOf alternatives report several). */
function schemaErrors(data: unknown, source: string): string[] {
  if (validatePolicy(data)) {
    return [];
  }
  const errors = (validatePolicy.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  const byField = new Map<string, ErrorObject>();
  for (const error of errors) {
    // Group by the top-level key, keeping the deepest, then most specific, error.
    const top = error.instancePath.split('/')[1] ?? '';
    const best = byField.get(top);
    const rank = (e: ErrorObject) => [e.instancePath.split('/').length, -KEYWORD_RANK.indexOf(e.keyword)] as const;
    if (
      !best ||
      rank(error)[0] > rank(best)[0] ||
      (rank(error)[0] === rank(best)[0] && KEYWORD_RANK.indexOf(error.keyword) < KEYWORD_RANK.indexOf(best.keyword) && KEYWORD_RANK.indexOf(error.keyword) >= 0)
    ) {
      byField.set(top, error);
    }
  }
  return [...byField.values()].map((e) => describeError(e, source));
}

/** The rules whose findings are high severity: they fail a review unless a policy says otherwise. */
export const HIGH_SEVERITY_RULES: readonly FlagRule[] = ['escalation', 'non-expiring', 'ttl-above-limit', 'delete-in-use', 'revoke-in-use', 'disable-in-use'];
/** A review fails on high-severity findings by default; `fail_on: none` (`--fail-on none`) opts out. */
export const DEFAULT_REVIEW_POLICY: ReviewPolicy = {
  failOn: [...HIGH_SEVERITY_RULES],
  maxTtl: '90d',
  allowAdmin: [],
  inUseWithin: '30d',
  failUnverified: false,
};
/** A drift audit exists to find drift: by default every finding fails it, except retiring keys (info). */
export const DEFAULT_DRIFT_POLICY: DriftPolicy = {
  failOn: DRIFT_RULES.filter((r) => r !== 'retiring-key'),
  expiringWithin: '14d',
  unusedFor: '30d',
  ignoreAccounts: ['bootstrap-admin'],
};

const REVIEW_KEYS = ['fail_on', 'fail_unverified', 'max_ttl', 'allow_admin', 'in_use_within', 'synth', 'audit_drift'];
const DRIFT_KEYS = ['fail_on', 'expiring_within', 'unused_for', 'ignore_accounts'];

/** A rule list: a YAML list or a comma-separated string; `all` and `none` as shorthands. */
export function parseRules<R extends string>(value: unknown, known: readonly R[], where: string): R[] {
  const list = (Array.isArray(value) ? value : String(value ?? '').split(',')).map((r) => String(r).trim()).filter(Boolean);
  if (list.length === 1 && list[0] === 'all') {
    return [...known];
  }
  if (list.length === 1 && list[0] === 'none') {
    return [];
  }
  return list.map((rule) => {
    if (!known.includes(rule as R)) {
      throw new InputError(`${where}: "${rule}" is not a rule; use ${known.join(', ')} (or all, none)`);
    }
    return rule as R;
  });
}

function duration(value: unknown, where: string): string {
  const text = String(value ?? '').trim();
  if (!isDuration(text)) {
    throw new InputError(`${where}: "${text}" is not a duration; use a whole number and s, m, h or d (e.g. 90d)`);
  }
  return text;
}

function names(value: unknown, where: string): string[] {
  if (Array.isArray(value)) {
    return value.map((v) => String(v).trim()).filter(Boolean);
  }
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  }
  throw new InputError(`${where}: expected a list of names`);
}

function checkKeys(data: Record<string, unknown>, allowed: string[], where: string): void {
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) {
      throw new InputError(`${where}: unknown key "${key}" (expected ${allowed.join(', ')})`);
    }
  }
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a policy document (YAML is a superset of JSON, so one parser reads both). */
export function parsePolicy(text: string, source: string): PolicyFile {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new InputError(`${source} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) {
    return { review: {}, drift: {}, synth: {} };
  }
  const problems = schemaErrors(data, source);
  if (problems.length > 0) {
    throw new InputError(problems.join('; '));
  }
  if (!isMapping(data)) {
    throw new InputError(`${source}: expected a mapping with fail_on, max_ttl, allow_admin, in_use_within, synth, audit_drift`);
  }
  checkKeys(data, REVIEW_KEYS, source);
  const review: Partial<ReviewPolicy> = {};
  if (data.fail_on !== undefined) {
    review.failOn = parseRules(data.fail_on, FLAG_RULES, `${source} fail_on`);
  }
  if (data.max_ttl !== undefined) {
    review.maxTtl = duration(data.max_ttl, `${source} max_ttl`);
  }
  if (data.allow_admin !== undefined) {
    review.allowAdmin = names(data.allow_admin, `${source} allow_admin`);
  }
  if (data.in_use_within !== undefined) {
    review.inUseWithin = duration(data.in_use_within, `${source} in_use_within`);
  }
  if (data.fail_unverified !== undefined) {
    if (typeof data.fail_unverified !== 'boolean') {
      throw new InputError(`${source} fail_unverified: expected true or false`);
    }
    review.failUnverified = data.fail_unverified;
  }
  const drift: Partial<DriftPolicy> = {};
  if (data.audit_drift !== undefined && data.audit_drift !== null) {
    if (!isMapping(data.audit_drift)) {
      throw new InputError(`${source} audit_drift: expected a mapping with ${DRIFT_KEYS.join(', ')}`);
    }
    const section = data.audit_drift;
    checkKeys(section, DRIFT_KEYS, `${source} audit_drift`);
    if (section.fail_on !== undefined) {
      drift.failOn = parseRules(section.fail_on, DRIFT_RULES, `${source} audit_drift.fail_on`);
    }
    if (section.expiring_within !== undefined) {
      drift.expiringWithin = duration(section.expiring_within, `${source} audit_drift.expiring_within`);
    }
    if (section.unused_for !== undefined) {
      drift.unusedFor = duration(section.unused_for, `${source} audit_drift.unused_for`);
    }
    if (section.ignore_accounts !== undefined) {
      drift.ignoreAccounts = names(section.ignore_accounts, `${source} audit_drift.ignore_accounts`);
    }
  }
  const synth: SynthPolicy = {};
  if (isMapping(data.synth)) {
    if (data.synth.forbidden_roles !== undefined) {
      synth.forbiddenRoles = names(data.synth.forbidden_roles, `${source} synth.forbidden_roles`);
    }
    if (typeof data.synth.require_descriptions === 'boolean') {
      synth.requireDescriptions = data.synth.require_descriptions;
    }
    if (typeof data.synth.label_pattern === 'string') {
      try {
        new RegExp(data.synth.label_pattern);
      } catch (error) {
        throw new InputError(`${source} synth.label_pattern: not a valid regular expression: ${(error as Error).message}`);
      }
      synth.labelPattern = data.synth.label_pattern;
    }
  }
  return { review, drift, synth };
}

export function loadPolicyFile(path: string | undefined): PolicyFile {
  if (!path) {
    return { review: {}, drift: {}, synth: {} };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read the policy ${path}: ${(error as Error).message}`);
  }
  return parsePolicy(text, path);
}

export interface ReviewPolicyFlags {
  failOn?: string;
  maxTtl?: string;
  allowAdmin?: string;
  inUseWithin?: string;
  failUnverified?: boolean;
}

export function reviewPolicy(file: PolicyFile, flags: ReviewPolicyFlags): ReviewPolicy {
  return {
    failOn: flags.failOn !== undefined ? parseRules(flags.failOn, FLAG_RULES, '--fail-on') : (file.review.failOn ?? DEFAULT_REVIEW_POLICY.failOn),
    maxTtl: flags.maxTtl !== undefined ? duration(flags.maxTtl, '--max-ttl') : (file.review.maxTtl ?? DEFAULT_REVIEW_POLICY.maxTtl),
    allowAdmin: flags.allowAdmin !== undefined ? names(flags.allowAdmin, '--allow-admin') : (file.review.allowAdmin ?? DEFAULT_REVIEW_POLICY.allowAdmin),
    inUseWithin:
      flags.inUseWithin !== undefined ? duration(flags.inUseWithin, '--in-use-within') : (file.review.inUseWithin ?? DEFAULT_REVIEW_POLICY.inUseWithin),
    failUnverified: flags.failUnverified ?? file.review.failUnverified ?? DEFAULT_REVIEW_POLICY.failUnverified,
  };
}

export interface DriftPolicyFlags {
  failOn?: string;
  expiringWithin?: string;
  unusedFor?: string;
  ignoreAccounts?: string;
}

export function driftPolicy(file: PolicyFile, flags: DriftPolicyFlags): DriftPolicy {
  return {
    failOn: flags.failOn !== undefined ? parseRules(flags.failOn, DRIFT_RULES, '--fail-on') : (file.drift.failOn ?? DEFAULT_DRIFT_POLICY.failOn),
    expiringWithin:
      flags.expiringWithin !== undefined
        ? duration(flags.expiringWithin, '--expiring-within')
        : (file.drift.expiringWithin ?? DEFAULT_DRIFT_POLICY.expiringWithin),
    unusedFor: flags.unusedFor !== undefined ? duration(flags.unusedFor, '--unused-for') : (file.drift.unusedFor ?? DEFAULT_DRIFT_POLICY.unusedFor),
    ignoreAccounts:
      flags.ignoreAccounts !== undefined
        ? names(flags.ignoreAccounts, '--ignore-accounts')
        : (file.drift.ignoreAccounts ?? DEFAULT_DRIFT_POLICY.ignoreAccounts),
  };
}

/** Marks the flags the policy turns into failures; returns the failing ones. */
export function applyReviewPolicy(flags: Flag[], policy: ReviewPolicy): Flag[] {
  for (const flag of flags) {
    // A low-severity flag says "cannot verify": it fails only when the policy asks to fail closed.
    flag.fails = policy.failOn.includes(flag.rule) && (flag.severity !== 'low' || policy.failUnverified);
  }
  return flags.filter((f) => f.fails);
}

export function applyDriftPolicy(findings: DriftFinding[], policy: DriftPolicy): DriftFinding[] {
  for (const finding of findings) {
    // Info (a key retiring in its grace period) is reported, never a failure.
    finding.fails = finding.severity !== 'info' && policy.failOn.includes(finding.rule);
  }
  return findings.filter((f) => f.fails);
}
