// Which flags fail the review: a policy file (YAML or JSON) and/or flags. The exit code
// tells CI whether the plan passes.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isDuration } from '../sdk/duration.ts';
import { FLAG_RULES, type Flag, type FlagRule } from './analyze.ts';
import { InputError } from './plan-input.ts';

export interface Policy {
  failOn: FlagRule[];
  maxTtl: string;
  allowAdmin: string[];
}

export const DEFAULT_POLICY: Policy = { failOn: [], maxTtl: '90d', allowAdmin: [] };

function rules(value: unknown, where: string): FlagRule[] {
  const list = Array.isArray(value) ? value : String(value).split(',');
  return list.map((r) => String(r).trim()).filter(Boolean).map((r) => {
    if (!FLAG_RULES.includes(r as FlagRule)) {
      throw new InputError(`${where}: "${r}" is not a rule; use ${FLAG_RULES.join(', ')}`);
    }
    return r as FlagRule;
  });
}

export function loadPolicy(file: string | undefined, overrides: { failOn?: string; maxTtl?: string; allowAdmin?: string }): Policy {
  const policy = { ...DEFAULT_POLICY };
  if (file) {
    const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
    for (const key of Object.keys(data ?? {})) {
      if (!['fail_on', 'max_ttl', 'allow_admin'].includes(key)) {
        throw new InputError(`${file}: unknown key "${key}" (expected fail_on, max_ttl, allow_admin)`);
      }
    }
    if (data?.fail_on !== undefined) {
      policy.failOn = rules(data.fail_on, `${file} fail_on`);
    }
    if (data?.max_ttl !== undefined) {
      policy.maxTtl = String(data.max_ttl);
    }
    if (data?.allow_admin !== undefined) {
      policy.allowAdmin = (data.allow_admin as unknown[]).map(String);
    }
  }
  if (overrides.failOn) {
    policy.failOn = rules(overrides.failOn, '--fail-on');
  }
  if (overrides.maxTtl) {
    policy.maxTtl = overrides.maxTtl;
  }
  if (overrides.allowAdmin) {
    policy.allowAdmin = overrides.allowAdmin.split(',').map((s) => s.trim());
  }
  if (!isDuration(policy.maxTtl)) {
    throw new InputError(`max_ttl "${policy.maxTtl}" is not a duration (use 90d, 12h, 15m or 90s)`);
  }
  return policy;
}

export function failures(flags: Flag[], policy: Policy): Flag[] {
  return flags.filter((f) => policy.failOn.includes(f.rule));
}
