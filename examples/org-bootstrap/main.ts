// Org bootstrap: a realistic organization declared in organization.yaml (or the file in
// WARDEN_ORG_DOCUMENT), guarded by policy aspects.
import { App, Aspects } from 'cdktf';
import { resolve } from 'node:path';
import { ForbiddenRoles, LabelNamingRule, MaxKeyTtl, NoNonExpiringKeys, Organization, RequireDescriptions } from '../../cdktf-constructs/src/index.ts';
import { WardenStack } from '../shared/stack.ts';

const app = new App();
const stack = new WardenStack(app, 'org-bootstrap');
const document = process.env.WARDEN_ORG_DOCUMENT ?? resolve(import.meta.dirname, 'organization.yaml');
Organization.fromFile(stack, 'acme', document);

Aspects.of(stack).add(new MaxKeyTtl('90d'));
Aspects.of(stack).add(new NoNonExpiringKeys());
Aspects.of(stack).add(new ForbiddenRoles(['admin'], { allow: ['automation-admin'] }));
Aspects.of(stack).add(new RequireDescriptions());
Aspects.of(stack).add(new LabelNamingRule(/^[a-z][a-z0-9-]*[a-z0-9]$/));
app.synth();
