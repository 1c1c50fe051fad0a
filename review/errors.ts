// The one error type of the review tools: the input (plan, state, policy, flags) is
// unusable. Commands turn it into exit code 2; anything else about the plan is a finding.
export class InputError extends Error {
  override name = 'InputError';
}
