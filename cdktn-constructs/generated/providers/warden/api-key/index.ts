// https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface ApiKeyConfig extends cdktn.TerraformMetaArguments {
  /**
  * What the key is for; changes in place.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key#description ApiKey#description}
  */
  readonly description?: string;
  /**
  * When the key is destroyed or replaced, it keeps working this long so consumers can switch, e.g. `1h`. Omit to revoke at once.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key#grace_period ApiKey#grace_period}
  */
  readonly gracePeriod?: string;
  /**
  * Where the key runs, e.g. `github-actions-prod`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key#label ApiKey#label}
  */
  readonly label: string;
  /**
  * Propose a replacement once the key is this close to expiry, e.g. `15d`. Needs `ttl`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key#rotate_before ApiKey#rotate_before}
  */
  readonly rotateBefore?: string;
  /**
  * Arbitrary values; any change creates a new key.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key#rotation_triggers ApiKey#rotation_triggers}
  */
  readonly rotationTriggers?: { [key: string]: string };
  /**
  * Write-only key material (e.g. `ephemeral.warden_key_material.x.token`); the secret then never reaches state. Needs Terraform ≥ 1.11.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key#secret_wo ApiKey#secret_wo}
  */
  readonly secretWo?: string;
  /**
  * Bump to create a new key from new `secret_wo` material.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key#secret_wo_version ApiKey#secret_wo_version}
  */
  readonly secretWoVersion?: number;
  /**
  * The service account the key belongs to.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key#service_account_id ApiKey#service_account_id}
  */
  readonly serviceAccountId: string;
  /**
  * Time to live, e.g. `90d`; sets `expires_at` at creation. Omit for a non-expiring key (policy may forbid it). Changing it creates a new key.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key#ttl ApiKey#ttl}
  */
  readonly ttl?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key warden_api_key}
*/
export class ApiKey extends cdktn.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "warden_api_key";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a ApiKey resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the ApiKey to import
  * @param importFromId The id of the existing ApiKey that should be imported. Refer to the {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the ApiKey to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "warden_api_key", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/resources/api_key warden_api_key} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options ApiKeyConfig
  */
  public constructor(scope: Construct, id: string, config: ApiKeyConfig) {
    super(scope, id, {
      terraformResourceType: 'warden_api_key',
      terraformGeneratorMetadata: {
        providerName: 'warden',
        providerVersion: '0.1.0',
        providerVersionConstraint: '~> 0.1'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._description = config.description;
    this._gracePeriod = config.gracePeriod;
    this._label = config.label;
    this._rotateBefore = config.rotateBefore;
    this._rotationTriggers = config.rotationTriggers;
    this._secretWo = config.secretWo;
    this._secretWoVersion = config.secretWoVersion;
    this._serviceAccountId = config.serviceAccountId;
    this._ttl = config.ttl;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // created_at - computed: true, optional: false, required: false
  public get createdAt() {
    return this.getStringAttribute('created_at');
  }

  // description - computed: true, optional: true, required: false
  private _description?: string; 
  public get description() {
    return this.getStringAttribute('description');
  }
  public set description(value: string) {
    this._description = value;
  }
  public resetDescription() {
    this._description = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get descriptionInput() {
    return this._description;
  }

  // expires_at - computed: true, optional: false, required: false
  public get expiresAt() {
    return this.getStringAttribute('expires_at');
  }

  // grace_period - computed: false, optional: true, required: false
  private _gracePeriod?: string; 
  public get gracePeriod() {
    return this.getStringAttribute('grace_period');
  }
  public set gracePeriod(value: string) {
    this._gracePeriod = value;
  }
  public resetGracePeriod() {
    this._gracePeriod = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get gracePeriodInput() {
    return this._gracePeriod;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // label - computed: false, optional: false, required: true
  private _label?: string; 
  public get label() {
    return this.getStringAttribute('label');
  }
  public set label(value: string) {
    this._label = value;
  }
  // Temporarily expose input value. Use with caution.
  public get labelInput() {
    return this._label;
  }

  // prefix - computed: true, optional: false, required: false
  public get prefix() {
    return this.getStringAttribute('prefix');
  }

  // rotate_before - computed: false, optional: true, required: false
  private _rotateBefore?: string; 
  public get rotateBefore() {
    return this.getStringAttribute('rotate_before');
  }
  public set rotateBefore(value: string) {
    this._rotateBefore = value;
  }
  public resetRotateBefore() {
    this._rotateBefore = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rotateBeforeInput() {
    return this._rotateBefore;
  }

  // rotation_triggers - computed: false, optional: true, required: false
  private _rotationTriggers?: { [key: string]: string }; 
  public get rotationTriggers() {
    return this.getStringMapAttribute('rotation_triggers');
  }
  public set rotationTriggers(value: { [key: string]: string }) {
    this._rotationTriggers = value;
  }
  public resetRotationTriggers() {
    this._rotationTriggers = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rotationTriggersInput() {
    return this._rotationTriggers;
  }

  // secret - computed: true, optional: false, required: false
  public get secret() {
    return this.getStringAttribute('secret');
  }

  // secret_wo - computed: false, optional: true, required: false
  private _secretWo?: string; 
  /**
  * @deprecated Write-only: the provider never returns this value; reading it always yields null by protocol contract. The getter remains for compatibility and will be removed in a future prebuilt-provider major.
  */
  public get secretWo() {
    return this.getStringAttribute('secret_wo');
  }
  public set secretWo(value: string) {
    this._secretWo = value;
  }
  public resetSecretWo() {
    this._secretWo = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretWoInput() {
    return this._secretWo;
  }

  // secret_wo_version - computed: false, optional: true, required: false
  private _secretWoVersion?: number; 
  public get secretWoVersion() {
    return this.getNumberAttribute('secret_wo_version');
  }
  public set secretWoVersion(value: number) {
    this._secretWoVersion = value;
  }
  public resetSecretWoVersion() {
    this._secretWoVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secretWoVersionInput() {
    return this._secretWoVersion;
  }

  // service_account_id - computed: false, optional: false, required: true
  private _serviceAccountId?: string; 
  public get serviceAccountId() {
    return this.getStringAttribute('service_account_id');
  }
  public set serviceAccountId(value: string) {
    this._serviceAccountId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get serviceAccountIdInput() {
    return this._serviceAccountId;
  }

  // status - computed: true, optional: false, required: false
  public get status() {
    return this.getStringAttribute('status');
  }

  // ttl - computed: false, optional: true, required: false
  private _ttl?: string; 
  public get ttl() {
    return this.getStringAttribute('ttl');
  }
  public set ttl(value: string) {
    this._ttl = value;
  }
  public resetTtl() {
    this._ttl = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ttlInput() {
    return this._ttl;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      description: cdktn.stringToTerraform(this._description),
      grace_period: cdktn.stringToTerraform(this._gracePeriod),
      label: cdktn.stringToTerraform(this._label),
      rotate_before: cdktn.stringToTerraform(this._rotateBefore),
      rotation_triggers: cdktn.hashMapper(cdktn.stringToTerraform)(this._rotationTriggers),
      secret_wo: this.markWriteOnlyAttribute(cdktn.stringToTerraform(this._secretWo)),
      secret_wo_version: cdktn.numberToTerraform(this._secretWoVersion),
      service_account_id: cdktn.stringToTerraform(this._serviceAccountId),
      ttl: cdktn.stringToTerraform(this._ttl),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      description: {
        value: cdktn.stringToHclTerraform(this._description),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      grace_period: {
        value: cdktn.stringToHclTerraform(this._gracePeriod),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      label: {
        value: cdktn.stringToHclTerraform(this._label),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      rotate_before: {
        value: cdktn.stringToHclTerraform(this._rotateBefore),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      rotation_triggers: {
        value: cdktn.hashMapperHcl(cdktn.stringToHclTerraform)(this._rotationTriggers),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      secret_wo: {
        value: this.markWriteOnlyAttribute(cdktn.stringToHclTerraform(this._secretWo)),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      secret_wo_version: {
        value: cdktn.numberToHclTerraform(this._secretWoVersion),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      service_account_id: {
        value: cdktn.stringToHclTerraform(this._serviceAccountId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ttl: {
        value: cdktn.stringToHclTerraform(this._ttl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
