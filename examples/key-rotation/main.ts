// Key rotation without a gap: two overlapping keys with staggered expiry. Bump
// ROTATION_GENERATION (in CI, e.g. monthly) to replace the older key only.
import { App } from 'cdktf';
import { ServiceAccount, ZeroDowntimeKeyPair } from '../../cdktf-constructs/src/index.ts';
import { WardenStack } from '../shared/stack.ts';

const app = new App();
const stack = new WardenStack(app, 'key-rotation');
const payments = new ServiceAccount(stack, 'payments', { name: 'payments-api', description: 'Payments service runtime', roles: ['snapshotter'] });
const pair = new ZeroDowntimeKeyPair(stack, 'payments-keys', {
  serviceAccountId: payments.id,
  label: 'payments',
  ttl: '60d',
  generation: Number(process.env.ROTATION_GENERATION ?? 0),
  gracePeriod: '1h',
});
pair.current.exposeSecret('payments_current_key');
app.synth();
