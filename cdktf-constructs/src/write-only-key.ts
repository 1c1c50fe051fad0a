// WriteOnlyKey: an API key whose material never reaches state or plan. cdktf 0.21 generates
// no bindings for ephemeral resources, so this construct writes the
// `ephemeral "warden_key_material"` block into the stack with an escape hatch
// (`stack.addOverride`), feeds its token to the key's write-only `secret_wo`, and hands
// the same token to the consumer's secret store through that store's own write-only
// attribute (`writeTo`), e.g. vault_kv_secret_v2 `data_json_wo` or
// aws_secretsmanager_secret_version `secret_string_wo`. Terraform ≥ 1.11.
import { TerraformStack, type TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { ApiKey as ApiKeyResource } from '../generated/providers/warden/api-key/index.ts';
import { MAX_TTL_MS, MIN_TTL_MS, Problems } from './validation.ts';

export interface WriteOnlyKeyProps {
  /** The id of the service account the key belongs to (usually `account.id`, a token). */
  readonly serviceAccountId: string;
  /** Where the key runs, e.g. `self-hosted-runner`. Changing it replaces the key. */
  readonly label: string;
  /** What the key is for. @default "" */
  readonly description?: string;
  /** Time to live, e.g. `30d`. @default undefined — a non-expiring key */
  readonly ttl?: string;
  /**
   * Bump to issue a new key from fresh material (and to rewrite it into the secret
   * stores given to `writeTo`). Terraform cannot compare write-only values, so this
   * number is the only signal that the material changed. @default 1
   */
  readonly version?: number;
}

export interface WriteToOptions {
  /**
   * Write `{"<jsonField>": "<token>"}` instead of the bare token, for attributes that
   * take a JSON document such as vault_kv_secret_v2 `data_json_wo`. @default undefined — the bare token
   */
  readonly jsonField?: string;
  /**
   * The store's companion version attribute (e.g. `data_json_wo_version`,
   * `secret_string_wo_version`), set to this key's version so that a new key is also
   * written again. @default undefined — not set
   */
  readonly versionAttribute?: string;
}

const IDENTIFIER = /[^A-Za-z0-9_-]/g;

/**
 * A `warden_api_key` fed by `ephemeral.warden_key_material`: the secret is null in state,
 * absent from plans, and reaches its consumer only through write-only attributes.
 *
 * @example
 * const runner = new WriteOnlyKey(this, 'runner', { serviceAccountId: ci.id, label: 'self-hosted-runner', ttl: '30d' });
 * runner.writeTo(vaultSecret, 'data_json_wo', { jsonField: 'token', versionAttribute: 'data_json_wo_version' });
 */
export class WriteOnlyKey extends Construct {
  /** The generated `warden_api_key` resource, for escape hatches. */
  readonly resource: ApiKeyResource;
  /** Name of the `ephemeral "warden_key_material"` block in the stack. */
  readonly materialName: string;
  /** The version given in props (1 by default). */
  readonly version: number;

  constructor(scope: Construct, id: string, props: WriteOnlyKeyProps) {
    super(scope, id);
    const problems = new Problems();
    problems.label('label', props.label);
    const ttl = problems.duration('ttl', props.ttl);
    if (ttl !== undefined && (ttl < MIN_TTL_MS || ttl > MAX_TTL_MS)) {
      problems.add('ttl', `${props.ttl} is outside 60s–3650d`);
    }
    if (props.version !== undefined && (!Number.isInteger(props.version) || props.version < 1)) {
      problems.add('version', 'must be a whole number ≥ 1');
    }
    problems.throwIfAny(this.node.path);

    this.version = props.version ?? 1;
    // Unique in the stack and stable across syntheses: the construct path, made an identifier.
    this.materialName = `${this.node.path.replace(IDENTIFIER, '_')}_${this.node.addr.slice(-8)}`;
    // The escape hatch: cdktf 0.21 has no class for ephemeral blocks, so write the JSON directly.
    TerraformStack.of(this).addOverride(`ephemeral.warden_key_material.${this.materialName}`, {});

    this.resource = new ApiKeyResource(this, 'key', {
      serviceAccountId: props.serviceAccountId,
      label: props.label,
      description: props.description,
      ttl: props.ttl,
      secretWoVersion: this.version,
    });
    // Not through the binding's secretWo: it would type the reference as a plain string
    // attribute; the override keeps the ephemeral reference verbatim in cdk.tf.json.
    this.resource.addOverride('secret_wo', this.token);
  }

  /** `${ephemeral.warden_key_material.<name>.token}`: valid only in write-only attributes, provider blocks and other ephemeral blocks. */
  get token(): string {
    return `\${ephemeral.warden_key_material.${this.materialName}.token}`;
  }

  /** `key_…` id (token). */
  get id(): string {
    return this.resource.id;
  }

  /** Public prefix `wdn_XXXXXXXX`, safe to log. */
  get prefix(): string {
    return this.resource.prefix;
  }

  /**
   * Writes the key material into another resource's write-only attribute — the secret
   * store the consumer reads it from. Any resource works, including ones declared with a
   * plain `TerraformResource` when its provider has no bindings.
   */
  writeTo(resource: TerraformResource, attribute: string, options: WriteToOptions = {}): void {
    const expression = `ephemeral.warden_key_material.${this.materialName}.token`;
    const value = options.jsonField ? `\${jsonencode({${JSON.stringify(options.jsonField)} = ${expression}})}` : this.token;
    resource.addOverride(attribute, value);
    if (options.versionAttribute) {
      resource.addOverride(options.versionAttribute, this.version);
    }
  }
}
