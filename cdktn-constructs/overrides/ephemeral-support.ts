// Ephemeral key material — the cdktn variant, which replaces cdktf-constructs/src/
// ephemeral-support.ts in the @wardenhq/cdktn-constructs build (scripts/build-cdktn-constructs.ts;
// written as if it sat in cdktf-constructs/src, so its relative imports are the same).
// CDK Terrain generates the ephemeral resources, so the material comes from
// `ephemeral "warden_key_material"`: it exists only during a Terraform run and is never
// written to state, the plan or cdktn.out.
import type { Construct } from 'constructs';
import { EphemeralWardenKeyMaterial } from '../generated/providers/warden/ephemeral-warden-key-material/index.ts';

/** Whether this build of the constructs can declare ephemeral resources. */
export const EPHEMERAL_RESOURCES = true;

/** The ephemeral `warden_key_material` of a key: a reference to its token. */
export interface KeyMaterialHandle {
  /** `ephemeral.warden_key_material.<id>.token` (ephemeral and sensitive). */
  readonly token: string;
}

export function declareKeyMaterial(scope: Construct, id: string): KeyMaterialHandle {
  return new EphemeralWardenKeyMaterial(scope, id);
}
