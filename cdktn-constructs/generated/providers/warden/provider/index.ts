// https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktn from 'cdktn';

// Configuration

export interface WardenProviderConfig {
  /**
  * An API key with the permissions the configuration needs. Defaults to `WARDEN_API_KEY`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs#api_key WardenProvider#api_key}
  */
  readonly apiKey?: string;
  /**
  * Path to a PEM file of a private certificate authority to trust for an `https://` endpoint, besides the public ones. Defaults to the `WARDEN_CA_FILE` environment variable.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs#ca_file WardenProvider#ca_file}
  */
  readonly caFile?: string;
  /**
  * The Warden server URL, e.g. `http://127.0.0.1:8080`. Defaults to the `WARDEN_ENDPOINT` environment variable.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs#endpoint WardenProvider#endpoint}
  */
  readonly endpoint?: string;
  /**
  * The organization's name. Defaults to `WARDEN_ORG`, else the API key's own organization.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs#organization WardenProvider#organization}
  */
  readonly organization?: string;
  /**
  * Alias name
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs#alias WardenProvider#alias}
  */
  readonly alias?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs warden}
*/
export class WardenProvider extends cdktn.TerraformProvider {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "warden";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTN code for importing a WardenProvider resource upon running "cdktn plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the WardenProvider to import
  * @param importFromId The id of the existing WardenProvider that should be imported. Refer to the {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the WardenProvider to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktn.TerraformProvider) {
        return new cdktn.ImportableResource(scope, importToId, { terraformResourceType: "warden", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/wardenhq/warden/0.1.0/docs warden} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options WardenProviderConfig = {}
  */
  public constructor(scope: Construct, id: string, config: WardenProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'warden',
      terraformGeneratorMetadata: {
        providerName: 'warden',
        providerVersion: '0.1.0',
        providerVersionConstraint: '~> 0.1'
      },
      terraformProviderSource: 'wardenhq/warden'
    });
    this._apiKey = config.apiKey;
    this._caFile = config.caFile;
    this._endpoint = config.endpoint;
    this._organization = config.organization;
    this._alias = config.alias;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // api_key - computed: false, optional: true, required: false
  private _apiKey?: string; 
  public get apiKey() {
    return this._apiKey;
  }
  public set apiKey(value: string | undefined) {
    this._apiKey = value;
  }
  public resetApiKey() {
    this._apiKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get apiKeyInput() {
    return this._apiKey;
  }

  // ca_file - computed: false, optional: true, required: false
  private _caFile?: string; 
  public get caFile() {
    return this._caFile;
  }
  public set caFile(value: string | undefined) {
    this._caFile = value;
  }
  public resetCaFile() {
    this._caFile = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get caFileInput() {
    return this._caFile;
  }

  // endpoint - computed: false, optional: true, required: false
  private _endpoint?: string; 
  public get endpoint() {
    return this._endpoint;
  }
  public set endpoint(value: string | undefined) {
    this._endpoint = value;
  }
  public resetEndpoint() {
    this._endpoint = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get endpointInput() {
    return this._endpoint;
  }

  // organization - computed: false, optional: true, required: false
  private _organization?: string; 
  public get organization() {
    return this._organization;
  }
  public set organization(value: string | undefined) {
    this._organization = value;
  }
  public resetOrganization() {
    this._organization = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get organizationInput() {
    return this._organization;
  }

  // alias - computed: false, optional: true, required: false
  private _alias?: string; 
  public get alias() {
    return this._alias;
  }
  public set alias(value: string | undefined) {
    this._alias = value;
  }
  public resetAlias() {
    this._alias = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get aliasInput() {
    return this._alias;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      api_key: cdktn.stringToTerraform(this._apiKey),
      ca_file: cdktn.stringToTerraform(this._caFile),
      endpoint: cdktn.stringToTerraform(this._endpoint),
      organization: cdktn.stringToTerraform(this._organization),
      alias: cdktn.stringToTerraform(this._alias),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      api_key: {
        value: cdktn.stringToHclTerraform(this._apiKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ca_file: {
        value: cdktn.stringToHclTerraform(this._caFile),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      endpoint: {
        value: cdktn.stringToHclTerraform(this._endpoint),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      organization: {
        value: cdktn.stringToHclTerraform(this._organization),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      alias: {
        value: cdktn.stringToHclTerraform(this._alias),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
