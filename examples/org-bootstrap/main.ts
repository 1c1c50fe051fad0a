// Org bootstrap: a realistic organization declared in organization.yaml (or the file in
// WARDEN_ORG_DOCUMENT) and guarded by policy aspects; a violation fails `cdktf synth`
// naming the construct and the rule. Every key's secret is a sensitive output.
import { App, Aspects } from 'cdktf';
import { resolve } from 'node:path';
import { ForbiddenRoles, LabelNamingRule, MaxKeyTtl, NoNonExpiringKeys, Organization, RequireDescriptions } from '@wardenhq/cdktf-constructs';
import { WardenStack } from '../shared/stack.ts';

const app = new App();
const stack = new WardenStack(app, 'org-bootstrap');
const document = process.env.WARDEN_ORG_DOCUMENT ?? resolve(import.meta.dirname, 'organization.yaml');
const org = Organization.fromFile(stack, 'acme', document);

for (const account of org.accounts.values()) {
  for (const key of account.keys) {
    key.exposeSecret(`${account.name}_${key.label}`.replace(/[^a-zA-Z0-9_]/g, '_'));
  }
}

Aspects.of(stack).add(new MaxKeyTtl('90d'));
Aspects.of(stack).add(new NoNonExpiringKeys());
Aspects.of(stack).add(new ForbiddenRoles(['admin'], { allow: ['automation-admin'] }));
Aspects.of(stack).add(new RequireDescriptions());
Aspects.of(stack).add(new LabelNamingRule(/^[a-z][a-z0-9-]*[a-z0-9]$/));
app.synth();
