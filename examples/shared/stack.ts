// Shared set-up for the example apps: the Warden provider from the environment
// (WARDEN_ENDPOINT, WARDEN_API_KEY, WARDEN_ORG) and local state, kept under
// WARDEN_STATE_DIR when set (so `npm start` keeps it in .warden/).
import { LocalBackend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { join, resolve } from 'node:path';
import { WardenProvider } from '@wardenhq/cdktf-constructs';

export class WardenStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new WardenProvider(this, 'warden', {});
    const stateDir = process.env.WARDEN_STATE_DIR;
    if (stateDir) {
      new LocalBackend(this, { path: join(resolve(stateDir), `${id}.tfstate`) });
    }
  }
}
