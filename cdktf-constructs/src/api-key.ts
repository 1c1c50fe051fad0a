// ApiKey: one `warden_api_key` with safe defaults — create-before-destroy, so a rotation
// never leaves consumers without a valid key — and a helper to hand the secret out as a
// sensitive stack output.
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { ApiKey as ApiKeyResource } from '../generated/providers/warden/api-key/index.ts';

export interface ApiKeyProps {
  /** The service account id the key belongs to. */
  readonly serviceAccountId: string;
  /** Where the key runs, e.g. `github-actions-prod`. */
  readonly label: string;
  /** What the key is for. @default "" */
  readonly description?: string;
  /** Time to live, e.g. `90d`. @default undefined — a non-expiring key (policy aspects may forbid it) */
  readonly ttl?: string;
  /** Replace the key once it is this close to expiry, e.g. `15d`. @default undefined — no planned rotation */
  readonly rotateBefore?: string;
  /** The replaced key keeps working this long, e.g. `1h`. @default undefined — revoked at once */
  readonly gracePeriod?: string;
  /** Any change of these values forces a new key. @default {} */
  readonly rotationTriggers?: Record<string, string>;
  /** Create the new key before revoking the old one. @default true */
  readonly createBeforeDestroy?: boolean;
}

/**
 * An API key of a Warden service account.
 *
 * @example
 * const key = new ApiKey(this, 'deploy', { serviceAccountId: sa.id, label: 'gha-prod', ttl: '90d', rotateBefore: '15d', gracePeriod: '1h' });
 * key.exposeSecret('deploy_key');
 */
export class ApiKey extends Construct {
  readonly resource: ApiKeyResource;
  readonly props: ApiKeyProps;

  constructor(scope: Construct, id: string, props: ApiKeyProps) {
    super(scope, id);
    this.props = props;
    this.resource = new ApiKeyResource(this, 'key', {
      serviceAccountId: props.serviceAccountId,
      label: props.label,
      description: props.description,
      ttl: props.ttl,
      rotateBefore: props.rotateBefore,
      gracePeriod: props.gracePeriod,
      rotationTriggers: props.rotationTriggers,
      lifecycle: { createBeforeDestroy: props.createBeforeDestroy ?? true },
    });
  }

  get id(): string {
    return this.resource.id;
  }

  /** The token; a sensitive value in state. */
  get secret(): string {
    return this.resource.secret;
  }

  get expiresAt(): string {
    return this.resource.expiresAt;
  }

  get prefix(): string {
    return this.resource.prefix;
  }

  /** Publishes the secret as a sensitive stack output (read it with `cdktf output` / `--outputs-file`). */
  exposeSecret(outputName: string): TerraformOutput {
    // staticId keeps the output name exactly as given, not prefixed with the construct path.
    return new TerraformOutput(this, outputName, { value: this.secret, sensitive: true, staticId: true, description: `Secret of API key ${this.props.label}` });
  }
}
