// ApiKey: one `warden_api_key` with safe defaults — create-before-destroy, so a rotation
// never leaves consumers without a valid key — validated props, and `exposeSecret` to hand
// the secret out as a sensitive stack output.
import { Annotations, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { ApiKey as ApiKeyResource } from '../generated/providers/warden/api-key/index.ts';
import { MAX_TTL_MS, MIN_TTL_MS, Problems } from './validation.ts';

export interface ApiKeyProps {
  /** The id of the service account the key belongs to (usually `account.id`, a token). */
  readonly serviceAccountId: string;
  /** Where the key runs, e.g. `github-actions-prod`. Changing it replaces the key. */
  readonly label: string;
  /** What the key is for. @default "" */
  readonly description?: string;
  /**
   * Time to live, e.g. `90d` (60s–3650d). Changing it replaces the key.
   * @default undefined — a non-expiring key (a warning; `NoNonExpiringKeys` can forbid it)
   */
  readonly ttl?: string;
  /** Plan a replacement once the key is this close to expiry, e.g. `15d`; needs `ttl` and must be shorter. @default undefined — no planned rotation */
  readonly rotateBefore?: string;
  /** The replaced or destroyed key keeps working this long, e.g. `1h`. @default undefined — revoked at once */
  readonly gracePeriod?: string;
  /** Any change of these values forces a new key (e.g. `{ generation: '3' }`). @default {} */
  readonly rotationTriggers?: Record<string, string>;
  /** Create the new key before revoking the old one on replacement. @default true */
  readonly createBeforeDestroy?: boolean;
}

export interface ExposeSecretOptions {
  /** Output description. @default "Secret of API key <label>." */
  readonly description?: string;
}

/**
 * An API key of a Warden service account. Usually created with `ServiceAccount.addKey`.
 *
 * @example
 * const key = new ApiKey(this, 'deploy', { serviceAccountId: sa.id, label: 'gha-prod', ttl: '90d', rotateBefore: '15d', gracePeriod: '1h' });
 * key.exposeSecret('deploy_key'); // read with `cdktf output` or `cdktf deploy --outputs-file`
 */
export class ApiKey extends Construct {
  /** The generated `warden_api_key` resource, for escape hatches. */
  readonly resource: ApiKeyResource;
  /** The label as declared. */
  readonly label: string;
  /** The ttl as declared; undefined for a non-expiring key. */
  readonly ttl?: string;

  constructor(scope: Construct, id: string, props: ApiKeyProps) {
    super(scope, id);
    validateKeyProps(this, props);
    this.label = props.label;
    this.ttl = props.ttl;
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

  /** `key_…` id (token). */
  get id(): string {
    return this.resource.id;
  }

  /** The token (sensitive; null for imported keys). */
  get secret(): string {
    return this.resource.secret;
  }

  /** Public prefix `wdn_XXXXXXXX`, safe to log. */
  get prefix(): string {
    return this.resource.prefix;
  }

  /** RFC 3339 expiry, or null for a non-expiring key. */
  get expiresAt(): string {
    return this.resource.expiresAt;
  }

  /** `active`, `expired` or `revoked`. */
  get status(): string {
    return this.resource.status;
  }

  /**
   * Publishes the secret as a sensitive stack output named exactly `outputName`
   * (read it with `cdktf output` or `cdktf deploy --outputs-file`; plans show it as sensitive).
   */
  exposeSecret(outputName: string, options: ExposeSecretOptions = {}): TerraformOutput {
    // staticId keeps the output name as given instead of a path-derived one, so scripts can rely on it.
    return new TerraformOutput(this, outputName, {
      value: this.secret,
      sensitive: true,
      staticId: true,
      description: options.description ?? `Secret of API key ${this.label}.`,
    });
  }
}

function validateKeyProps(scope: Construct, props: ApiKeyProps): void {
  const problems = new Problems();
  problems.label('label', props.label);
  const ttl = problems.duration('ttl', props.ttl);
  if (ttl !== undefined && (ttl < MIN_TTL_MS || ttl > MAX_TTL_MS)) {
    problems.add('ttl', `"${props.ttl}" is outside 60s–3650d`);
  }
  const rotateBefore = problems.duration('rotateBefore', props.rotateBefore);
  if (props.rotateBefore !== undefined && props.ttl === undefined) {
    problems.add('rotateBefore', 'needs ttl: a non-expiring key has nothing to rotate before');
  } else if (rotateBefore !== undefined && ttl !== undefined && rotateBefore >= ttl) {
    problems.add('rotateBefore', `"${props.rotateBefore}" must be shorter than ttl "${props.ttl}"`);
  }
  problems.duration('gracePeriod', props.gracePeriod);
  problems.throwIfAny(scope.node.path);
  if (props.ttl === undefined) {
    Annotations.of(scope).addWarning(`API key "${props.label}" never expires; set ttl (e.g. "90d")`);
  }
  if (props.createBeforeDestroy === false && props.gracePeriod === undefined) {
    Annotations.of(scope).addWarning(`API key "${props.label}" is destroyed before its replacement exists and revoked at once; consumers will see a gap (set gracePeriod)`);
  }
}
