// CDKTF stacks synthesize to cdk.tf.json, where resource names are hashed unique ids
// (`warden_api_key.acme_ci_key_0A33C6E6`) and the readable construct path sits in the
// `//` metadata. A review shows that path next to the address so a reviewer recognises
// the construct, and can use the `${…}` references when a plan lacks its configuration.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from './errors.ts';
import { cdktfLocator, type Locator } from './locations.ts';

export interface CdktfMetadata {
  /** The cdk.tf.json this was read from, and each resource's line in it (for SARIF). */
  locate?: Locator;
  /** Terraform address → construct path, e.g. `org-bootstrap/acme/ci/key-deploy/key`. */
  constructs: Map<string, string>;
  /** Terraform address → references of its `service_account_id` (`warden_service_account.x.id`). */
  accountReferences: Map<string, string[]>;
  /** Terraform address → references of its `role` / `roles` (`warden_role.x.id`), for roles known only after apply. */
  roleReferences: Map<string, string[]>;
}

const REFERENCE = /\$\{([^}]+)\}/g;

export function parseCdktfJson(text: string, source: string): CdktfMetadata {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const metadata: CdktfMetadata = { constructs: new Map(), accountReferences: new Map(), roleReferences: new Map() };
  const resources = (document as { resource?: Record<string, Record<string, Record<string, unknown>>> })?.resource ?? {};
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, body] of Object.entries(byName ?? {})) {
      const address = `${type}.${name}`;
      const path = (body?.['//'] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
      if (typeof path === 'string') {
        metadata.constructs.set(address, path);
      }
      const roleText = [body?.role, ...(Array.isArray(body?.roles) ? body.roles : [body?.roles])].filter((r): r is string => typeof r === 'string').join(' ');
      const roleRefs = [...roleText.matchAll(REFERENCE)].map((m) => m[1]!.trim());
      if (roleRefs.length > 0) {
        metadata.roleReferences.set(address, roleRefs);
      }
      const accountId = body?.service_account_id;
      if (typeof accountId === 'string') {
        metadata.accountReferences.set(
          address,
          [...accountId.matchAll(REFERENCE)].map((m) => m[1]!.trim()),
        );
      }
    }
  }
  return metadata;
}

/** Reads cdk.tf.json given explicitly, or finds it beside the plan (cdktf.out/stacks/<stack>/). */
export function loadCdktfMetadata(explicit: string | undefined, planPath: string | undefined): CdktfMetadata | undefined {
  const candidate = explicit ?? (planPath && planPath !== '-' ? join(dirname(planPath), 'cdk.tf.json') : undefined);
  if (!candidate || (!explicit && !existsSync(candidate))) {
    return undefined;
  }
  let text: string;
  try {
    text = readFileSync(candidate, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${candidate}: ${(error as Error).message}`);
  }
  return { ...parseCdktfJson(text, candidate), locate: cdktfLocator(candidate, text) };
}
