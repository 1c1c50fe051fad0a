// Drives the Warden provider's resources in process, through the same ProviderServer the
// gRPC adapter calls, without terraform and without a server: validation and planning only.
// The client it configures knows the server's clock, role names and permission catalog
// (what planning asks for); any hook that reaches for the API fails loudly instead.
import type { WardenProviderClient } from '../../provider/client.ts';
import { Diagnostics, type Diagnostic, type Path } from '../../provider/framework/diagnostics.ts';
import type { Schema, State } from '../../provider/framework/schema.ts';
import { ProviderServer } from '../../provider/framework/server.ts';
import { wardenProvider } from '../../provider/warden-provider.ts';
import { BUILTIN_ROLE_NAMES, PERMISSION_CATALOG } from '../../sdk/rules.ts';

export interface PlanningWorld {
  /** The server's clock as the provider measured it at configure. */
  now?: Date;
  /** Custom roles besides the built-in ones. */
  customRoles?: string[];
}

export interface PlanResult {
  planned: State | null;
  requiresReplace: Path[];
  diagnostics: Diagnostic[];
}

function planningClient(world: PlanningWorld): WardenProviderClient {
  const now = world.now ?? new Date('2026-01-01T00:00:00Z');
  const offline = () => {
    throw new Error('planning tests have no Warden server: this hook called the API');
  };
  const client = {
    organization: 'acme',
    now: () => now,
    cache: {
      roleNames: async () => new Set([...BUILTIN_ROLE_NAMES, ...(world.customRoles ?? [])]),
      permissionNames: async () => new Set(PERMISSION_CATALOG.map((p) => p.name)),
    },
    sdk: new Proxy({}, { get: offline }),
  };
  // Only the members planning uses; the rest of the client is never reached.
  return client as unknown as WardenProviderClient;
}

/** Core's proposed new state: configuration, with null computed attributes taken from prior state. */
export function propose(schema: Schema, prior: State | null, config: State): State {
  return Object.fromEntries(
    Object.entries(schema.attributes).map(([name, a]) => {
      const configured = config[name] ?? null;
      return [name, configured === null && a.computed && prior ? (prior[name] ?? null) : configured];
    }),
  );
}

export class Planner {
  private constructor(readonly server: ProviderServer<WardenProviderClient>) {}

  static async start(world: PlanningWorld = {}): Promise<Planner> {
    const server = new ProviderServer<WardenProviderClient>({ ...wardenProvider, configure: async () => planningClient(world) });
    const diagnostics = new Diagnostics();
    await server.configure({}, '1.11.4', diagnostics);
    if (diagnostics.hasErrors) {
      throw new Error(`configure failed: ${JSON.stringify(diagnostics.items)}`);
    }
    return new Planner(server);
  }

  schema(typeName: string): Schema {
    return this.server.resource(typeName).schema;
  }

  /** Every attribute of the resource, null unless given. */
  config(typeName: string, values: State): State {
    return Object.fromEntries(Object.keys(this.schema(typeName).attributes).map((name) => [name, values[name] ?? null]));
  }

  async validate(typeName: string, values: State): Promise<Diagnostic[]> {
    const diagnostics = new Diagnostics();
    await this.server.validateConfig('resource', typeName, this.config(typeName, values), diagnostics);
    return diagnostics.items;
  }

  /** Plans `values` as configuration over `prior` (null: create). */
  async plan(typeName: string, prior: State | null, values: State): Promise<PlanResult> {
    const config = this.config(typeName, values);
    const diagnostics = new Diagnostics();
    const plan = await this.server.planResourceChange(typeName, { prior, proposed: propose(this.schema(typeName), prior, config), config }, diagnostics);
    return { planned: plan.planned, requiresReplace: plan.requiresReplace, diagnostics: diagnostics.items };
  }

  /** Destroys `prior`: the resource's delete hook runs. */
  async destroy(typeName: string, prior: State): Promise<Diagnostic[]> {
    const diagnostics = new Diagnostics();
    await this.server.applyResourceChange(typeName, { prior, planned: null, config: null }, diagnostics);
    return diagnostics.items;
  }
}

/** The attribute paths of the error diagnostics, for "reported on the right attribute". */
export const errorPaths = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error').map((d) => d.path);
