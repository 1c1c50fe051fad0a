// Which findings fail CI, from a policy file (YAML or JSON) and/or flags; flags win. One
// file serves both commands: top-level keys for `warden review`, an `audit_drift:`
// section for `warden audit-drift`. Unknown keys are errors, so a typo never silently
// weakens a policy.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
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

export interface PolicyFile {
  review: Partial<ReviewPolicy>;
  drift: Partial<DriftPolicy>;
}

/** The rules whose findings are high severity: they fail a review unless a policy says otherwise. */
export const HIGH_SEVERITY_RULES: readonly FlagRule[] = ['escalation', 'non-expiring', 'ttl-above-limit', 'delete-in-use', 'revoke-in-use', 'disable-in-use'];
/** A review fails on high-severity findings by default; `fail_on: none` (`--fail-on none`) opts out. */
export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { failOn: [...HIGH_SEVERITY_RULES], maxTtl: '90d', allowAdmin: [], inUseWithin: '30d', failUnverified: false };
/** A drift audit exists to find drift: by default every finding fails it, except retiring keys (info). */
export const DEFAULT_DRIFT_POLICY: DriftPolicy = { failOn: DRIFT_RULES.filter((r) => r !== 'retiring-key'), expiringWithin: '14d', unusedFor: '30d', ignoreAccounts: ['bootstrap-admin'] };

const REVIEW_KEYS = ['fail_on', 'fail_unverified', 'max_ttl', 'allow_admin', 'in_use_within', 'audit_drift'];
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
    return value.split(',').map((v) => v.trim()).filter(Boolean);
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
    return { review: {}, drift: {} };
  }
  if (!isMapping(data)) {
    throw new InputError(`${source}: expected a mapping with fail_on, max_ttl, allow_admin, in_use_within, audit_drift`);
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
  return { review, drift };
}

export function loadPolicyFile(path: string | undefined): PolicyFile {
  if (!path) {
    return { review: {}, drift: {} };
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
    inUseWithin: flags.inUseWithin !== undefined ? duration(flags.inUseWithin, '--in-use-within') : (file.review.inUseWithin ?? DEFAULT_REVIEW_POLICY.inUseWithin),
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
    expiringWithin: flags.expiringWithin !== undefined ? duration(flags.expiringWithin, '--expiring-within') : (file.drift.expiringWithin ?? DEFAULT_DRIFT_POLICY.expiringWithin),
    unusedFor: flags.unusedFor !== undefined ? duration(flags.unusedFor, '--unused-for') : (file.drift.unusedFor ?? DEFAULT_DRIFT_POLICY.unusedFor),
    ignoreAccounts: flags.ignoreAccounts !== undefined ? names(flags.ignoreAccounts, '--ignore-accounts') : (file.drift.ignoreAccounts ?? DEFAULT_DRIFT_POLICY.ignoreAccounts),
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
