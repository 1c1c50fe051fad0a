// One line per rule, what it means: the rule catalogue shown in SARIF (tool.driver.rules),
// JUnit test names and the docs. Review rules judge a plan; drift rules judge the live
// organization against Terraform.
import type { DriftRule, FlagRule, Severity } from './model.ts';

export interface RuleInfo {
  summary: string;
  /** The severity its certain findings have (a "cannot verify" finding is low). */
  severity: Severity;
}

export const REVIEW_RULES: Record<FlagRule, RuleInfo> = {
  escalation: {
    summary: 'A service account is granted admin or a role that manages permissions (roles:write, role_assignments:write), or a custom role gains one.',
    severity: 'high',
  },
  'non-expiring': { summary: 'A key is issued without ttl: it never expires.', severity: 'high' },
  'ttl-above-limit': { summary: 'A key is issued with a ttl above the policy maximum (max_ttl).', severity: 'high' },
  'delete-in-use': { summary: 'A service account is deleted while one of its keys was used recently (in_use_within).', severity: 'high' },
  'revoke-in-use': { summary: 'A key is revoked at once while it was used recently (in_use_within).', severity: 'high' },
  'disable-in-use': { summary: 'A service account is disabled while one of its keys was used recently (in_use_within).', severity: 'high' },
  'rotation-without-grace': { summary: 'A key is replaced without grace_period: the old key stops working before consumers can switch.', severity: 'medium' },
};

export const DRIFT_RULE_INFO: Record<DriftRule, RuleInfo> = {
  'unmanaged-account': { summary: 'A service account exists in the organization but not in Terraform (or the document).', severity: 'medium' },
  'unmanaged-key': { summary: 'An active key of a managed account was created outside Terraform.', severity: 'high' },
  'expiring-key': { summary: 'A key expires within expiring_within.', severity: 'medium' },
  'unused-key': { summary: 'A key has not been used for unused_for.', severity: 'low' },
  'disabled-with-keys': { summary: 'A disabled service account still holds active keys; enabling it brings them back.', severity: 'medium' },
  'retiring-key': { summary: 'A key revoked with a grace period keeps working until its revocation time (e.g. the old half of a rotation).', severity: 'info' },
};

/** A finding of either command, as the CI formats see it. */
export interface CiFinding {
  rule: string;
  severity: Severity;
  account: string;
  key?: string;
  message: string;
  fails?: boolean;
  address?: string;
  construct?: string;
  location?: { file: string; line: number };
}
