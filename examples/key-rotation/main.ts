// Key rotation without a gap: a payments service holds two overlapping keys (slots A and
// B). Every 20 days (a third of the 60-day ttl) a scheduled `cdktf deploy` mints a new
// key in one slot; the other slot's key stays valid, so consumers switch at leisure.
// Set ROTATION_GENERATION to drive the generation by hand instead of by the clock.
import { App } from 'cdktf';
import { ServiceAccount, ZeroDowntimeKeyPair } from '@wardenhq/cdktf-constructs';
import { WardenStack } from '../shared/stack.ts';

const app = new App();
const stack = new WardenStack(app, 'key-rotation');

const payments = new ServiceAccount(stack, 'payments', { name: 'payments-api', description: 'Payments service runtime', roles: ['snapshotter'] });
const pair = new ZeroDowntimeKeyPair(stack, 'payments-keys', {
  serviceAccountId: payments.id,
  label: 'payments',
  ttl: '60d',
  gracePeriod: '1h',
  generation: process.env.ROTATION_GENERATION === undefined ? undefined : Number(process.env.ROTATION_GENERATION),
});
// Consumers read `current`; `previous` stays valid for at least one more period.
pair.current.exposeSecret('payments_current_key');
pair.previous.exposeSecret('payments_previous_key');
app.synth();
