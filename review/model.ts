// The change model a review produces: per service account, what happens to it, its keys
// and its roles; custom role definitions; and flags. Renderers only ever see this model,
// built from whitelisted values, never the plan itself.

export type ChangeKind =
  | 'account-created'
  | 'account-deleted'
  | 'account-disabled'
  | 'account-enabled'
  | 'account-updated'
  | 'key-created'
  | 'key-rotated'
  | 'key-revoked'
  | 'key-updated'
  | 'ttl-changed'
  | 'role-granted'
  | 'role-removed';

export interface ReviewChange {
  kind: ChangeKind;
  /** The account name, key label or role name the change is about. */
  subject: string;
  /** One human sentence; rendered as is in every format. */
  detail: string;
  /** The Terraform address that causes it. */
  address: string;
  /** The CDKTF construct path, when the plan comes from a CDKTF stack. */
  construct?: string;
  /** Keys: the ttl before and after (null = non-expiring, "(known after apply)" when unknown). */
  ttl?: { before?: string | null; after?: string | null };
  /** Keys: expiry of the old key and the estimated (≈, from ttl + plan time) expiry of the new one. */
  expiry?: { before?: string | null; after?: string | null; afterApproximate?: boolean };
  /** Keys: the public prefix of the key being replaced or revoked. */
  prefix?: string;
}

export interface AccountReview {
  /** The service account's name when known, else its id or Terraform address. */
  account: string;
  changes: ReviewChange[];
}

export interface RoleDefinitionChange {
  role: string;
  action: 'created' | 'updated' | 'deleted' | 'replaced';
  address: string;
  construct?: string;
  permissions: string[];
  added: string[];
  removed: string[];
}

export type FlagRule = 'escalation' | 'non-expiring' | 'ttl-above-limit' | 'delete-in-use' | 'revoke-in-use' | 'disable-in-use' | 'rotation-without-grace';
export const FLAG_RULES: readonly FlagRule[] = [
  'escalation',
  'non-expiring',
  'ttl-above-limit',
  'delete-in-use',
  'revoke-in-use',
  'disable-in-use',
  'rotation-without-grace',
];

/** info = worth knowing, never a problem by itself (a key retiring inside its grace period). */
export type Severity = 'high' | 'medium' | 'low' | 'info';

export interface Flag {
  rule: FlagRule;
  severity: Severity;
  /** The service account concerned (or `role NAME` for a role definition). */
  account: string;
  message: string;
  address: string;
  /** The CDKTF construct path of that address, for a CDKTF stack. */
  construct?: string;
  /** The `.tf` (or cdk.tf.json) file and line of the resource block, when found. */
  location?: { file: string; line: number };
  /** Set by the policy: true when this flag fails the review. */
  fails?: boolean;
}

export interface Review {
  plan: { terraform_version?: string; timestamp?: string };
  accounts: AccountReview[];
  roles: RoleDefinitionChange[];
  flags: Flag[];
  /** Things the reviewer should know about the review itself (e.g. live lookup failed). */
  notes: string[];
}

// ---- audit-drift ----

export type DriftRule = 'unmanaged-account' | 'unmanaged-key' | 'expiring-key' | 'unused-key' | 'disabled-with-keys' | 'retiring-key';
export const DRIFT_RULES: readonly DriftRule[] = ['unmanaged-account', 'unmanaged-key', 'expiring-key', 'unused-key', 'disabled-with-keys', 'retiring-key'];

export interface DriftFinding {
  rule: DriftRule;
  severity: Severity;
  account: string;
  /** The key's label, for key findings. */
  key?: string;
  message: string;
  /** Set by the policy: true when this finding fails the audit. */
  fails?: boolean;
}

export interface DriftReport {
  /** What the live organization was compared with: a Terraform state or a desired-state document. */
  source: { kind: 'state' | 'document'; path: string };
  /** The server time the audit judged "expiring" and "unused" by. */
  checkedAt: string;
  counts: { accounts: number; activeKeys: number; retiringKeys: number; managedAccounts: number; managedKeys: number };
  findings: DriftFinding[];
  /** Where the declared side came from, e.g. which CDKTF stack states were read. */
  notes?: string[];
}
