// https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/ephemeral-resources/ephemeral_api_key
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface EphemeralWardenEphemeralApiKeyConfig extends cdktn.TerraformEphemeralMetaArguments {
  /**
  * Where the key runs.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/ephemeral-resources/ephemeral_api_key#label EphemeralWardenEphemeralApiKey#label}
  */
  readonly label: string;
  /**
  * The service account to issue the key for.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/ephemeral-resources/ephemeral_api_key#service_account_id EphemeralWardenEphemeralApiKey#service_account_id}
  */
  readonly serviceAccountId: string;
  /**
  * Upper bound on the key life if the run dies before close (default 1h).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/ephemeral-resources/ephemeral_api_key#ttl EphemeralWardenEphemeralApiKey#ttl}
  */
  readonly ttl?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/ephemeral-resources/ephemeral_api_key warden_ephemeral_api_key}
*/
export class EphemeralWardenEphemeralApiKey extends cdktn.TerraformEphemeralResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "warden_ephemeral_api_key";

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs/ephemeral-resources/ephemeral_api_key warden_ephemeral_api_key} Ephemeral Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options EphemeralWardenEphemeralApiKeyConfig
  */
  public constructor(scope: Construct, id: string, config: EphemeralWardenEphemeralApiKeyConfig) {
    super(scope, id, {
      terraformResourceType: 'warden_ephemeral_api_key',
      terraformGeneratorMetadata: {
        providerName: 'warden',
        providerVersion: '0.1.0',
        providerVersionConstraint: '~> 0.1'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      forEach: config.forEach
    });
    this._label = config.label;
    this._serviceAccountId = config.serviceAccountId;
    this._ttl = config.ttl;
  }

  // ==========
  // ATTRIBUTES
  // ==========

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

  // token - computed: true, optional: false, required: false
  public get token() {
    return this.getStringAttribute('token');
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
      label: cdktn.stringToTerraform(this._label),
      service_account_id: cdktn.stringToTerraform(this._serviceAccountId),
      ttl: cdktn.stringToTerraform(this._ttl),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      label: {
        value: cdktn.stringToHclTerraform(this._label),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
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
