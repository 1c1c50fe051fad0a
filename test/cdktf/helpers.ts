// Helpers for the construct library's unit tests: a stack with the provider, synthesized
// with Testing.synth (JSON string and parsed), and the resources of one type.
import { Testing, TerraformStack } from 'cdktf';
import { WardenProvider } from '@wardenhq/cdktf-constructs';

export interface Synthesized {
  stack: TerraformStack;
  json: string;
  parsed: {
    resource?: Record<string, Record<string, any>>;
    data?: Record<string, Record<string, any>>;
    output?: Record<string, any>;
    provider?: Record<string, any>;
    terraform: any;
  };
}

/** A stack named `test` with a WardenProvider; `build` declares the rest. */
export function synth(build: (stack: TerraformStack) => void): Synthesized {
  const stack = new TerraformStack(Testing.app(), 'test');
  new WardenProvider(stack);
  build(stack);
  const json = Testing.synth(stack);
  return { stack, json, parsed: JSON.parse(json) };
}

/** The synthesized resources of one type, in declaration order. */
export function resources(out: Synthesized, type: string): any[] {
  return Object.values(out.parsed.resource?.[type] ?? {});
}

/** The error thrown by `fn`, or a failure when it throws nothing. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, nothing was thrown');
}
