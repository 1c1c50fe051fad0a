// WardenProvider: the generated provider with nothing required. Left unset, endpoint,
// api_key and organization are read by the provider itself from WARDEN_ENDPOINT,
// WARDEN_API_KEY and WARDEN_ORG when Terraform runs — deliberately not at synthesis, so
// the key never lands in cdk.tf.json or in the synthesized plan artifacts.
import type { Construct } from 'constructs';
import { WardenProvider as GeneratedWardenProvider, type WardenProviderConfig } from '../generated/providers/warden/provider/index.ts';
import { Problems, isKnown } from './validation.ts';

export type { WardenProviderConfig };

/**
 * The `warden` provider, configured from the environment by default.
 *
 * @example
 * new WardenProvider(this);                                    // WARDEN_ENDPOINT / WARDEN_API_KEY / WARDEN_ORG at run time
 * new WardenProvider(this, 'staging', { alias: 'staging', endpoint: 'https://warden.staging.example' });
 */
export class WardenProvider extends GeneratedWardenProvider {
  constructor(scope: Construct, id = 'warden', config: WardenProviderConfig = {}) {
    const problems = new Problems();
    if (isKnown(config.endpoint) && !/^https?:\/\/[^\s/]+/.test(config.endpoint)) {
      problems.add('endpoint', `${JSON.stringify(config.endpoint)} is not an http(s) URL`);
    }
    if (isKnown(config.apiKey) && config.apiKey !== '') {
      // A literal key would be written in clear into cdk.tf.json; only references are safe.
      problems.add('apiKey', 'a literal API key would be written into cdk.tf.json; leave it unset (WARDEN_API_KEY) or pass a sensitive TerraformVariable');
    }
    problems.throwIfAny(`${scope.node.path ? `${scope.node.path}/` : ''}${id}`);
    super(scope, id, config);
  }
}
