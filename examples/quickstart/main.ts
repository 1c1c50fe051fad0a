// Quickstart: one CI service account with the member role and a 90-day key that the plan
// rotates 15 days before expiry, the old key working for an hour after.
import { App, Aspects } from 'cdktf';
import { MaxKeyTtl, NoNonExpiringKeys, ServiceAccount } from '@wardenhq/cdktf-constructs';
import { WardenStack } from '../shared/stack.ts';

const app = new App();
const stack = new WardenStack(app, 'quickstart');

const ci = new ServiceAccount(stack, 'ci', {
  name: 'ci-github-actions',
  description: 'Deploys from GitHub Actions',
  roles: ['member'],
});
ci.addKey({ label: 'github-actions', description: 'GitHub Actions secret WARDEN_API_KEY', ttl: '90d', rotateBefore: '15d', gracePeriod: '1h' }).exposeSecret(
  'ci_github_actions_key',
);

Aspects.of(stack).add(new MaxKeyTtl('90d'));
Aspects.of(stack).add(new NoNonExpiringKeys());
app.synth();
