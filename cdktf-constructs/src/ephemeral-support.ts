// Ephemeral key material as far as the CDK in use can express it — the cdktf variant.
// cdktf 0.21 has no ephemeral resources, so `keyMaterial: 'ephemeral'` is refused here with
// the ways that do work. The @wardenhq/cdktn-constructs build replaces this module with
// cdktn-constructs/overrides/ephemeral-support.ts (same exports), which declares the
// `warden_key_material` ephemeral resource; everything else is shared source.
import type { Construct } from 'constructs';

/** Whether this build of the constructs can declare ephemeral resources. */
export const EPHEMERAL_RESOURCES = false;

/** The ephemeral `warden_key_material` of a key: a reference to its token. */
export interface KeyMaterialHandle {
  /** `ephemeral.warden_key_material.<id>.token` (ephemeral and sensitive). */
  readonly token: string;
}

export function declareKeyMaterial(scope: Construct, _id: string): KeyMaterialHandle {
  throw new Error(
    `${scope.node.path}: keyMaterial 'ephemeral' needs ephemeral resources and write-only attributes, which cdktf 0.21 cannot express. ` +
      `Use @wardenhq/cdktn-constructs (CDK Terrain, the same constructs on cdktn), or in cdktf the write-only escape-hatch construct of this package, ` +
      `or HCL (secret_wo = ephemeral.warden_key_material.x.token).`,
  );
}
