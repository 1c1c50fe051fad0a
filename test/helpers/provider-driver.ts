// Drives the Warden provider's resources in process, through the same ProviderServer the
// gRPC adapter calls, without terraform. ProviderDriver.start() needs no server: its client knows
// the server's clock, role names and permission catalog (what planning asks for), and any
// hook that reaches for the API fails loudly. ProviderDriver.connect() configures the provider
// against a real server, for create, read, update, import and delete.
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

/** Every attribute of the schema, null unless given. */
function completed(schema: Schema, values: State): State {
  return Object.fromEntries(Object.keys(schema.attributes).map((name) => [name, values[name] ?? null]));
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

export class ProviderDriver {
  private constructor(readonly server: ProviderServer<WardenProviderClient>) {}

  static async start(world: PlanningWorld = {}): Promise<ProviderDriver> {
    const server = new ProviderServer<WardenProviderClient>({ ...wardenProvider, configure: async () => planningClient(world) });
    const diagnostics = new Diagnostics();
    await server.configure({}, '1.11.4', diagnostics);
    if (diagnostics.hasErrors) {
      throw new Error(`configure failed: ${JSON.stringify(diagnostics.items)}`);
    }
    return new ProviderDriver(server);
  }

  /** The real provider, configured against a running Warden server. */
  static async connect(options: { endpoint: string; apiKey: string; organization: string }): Promise<ProviderDriver> {
    const server = new ProviderServer<WardenProviderClient>(wardenProvider);
    const diagnostics = new Diagnostics();
    await server.configure({ endpoint: options.endpoint, api_key: options.apiKey, organization: options.organization, ca_file: null }, '1.11.4', diagnostics);
    if (diagnostics.hasErrors) {
      throw new Error(`configure failed: ${JSON.stringify(diagnostics.items)}`);
    }
    return new ProviderDriver(server);
  }

  schema(typeName: string): Schema {
    return this.server.resource(typeName).schema;
  }

  /** Every attribute of the resource, null unless given. */
  config(typeName: string, values: State): State {
    return completed(this.schema(typeName), values);
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

  /** Plans `values` over `prior` and applies the plan: the resource's create or update hook runs. */
  async apply(typeName: string, prior: State | null, values: State): Promise<{ state: State | null; diagnostics: Diagnostic[] }> {
    const plan = await this.plan(typeName, prior, values);
    if (plan.diagnostics.some((d) => d.severity === 'error')) {
      return { state: null, diagnostics: plan.diagnostics };
    }
    const diagnostics = new Diagnostics();
    const config = this.config(typeName, values);
    // A planned replacement applies as destroy, then create.
    if (prior !== null && plan.requiresReplace.length > 0) {
      await this.server.applyResourceChange(typeName, { prior, planned: null, config: null }, diagnostics);
      const created = await this.apply(typeName, null, values);
      return { state: created.state, diagnostics: [...plan.diagnostics, ...diagnostics.items, ...created.diagnostics] };
    }
    const applied = await this.server.applyResourceChange(typeName, { prior, planned: plan.planned, config }, diagnostics);
    return { state: applied.state, diagnostics: [...plan.diagnostics, ...diagnostics.items] };
  }

  async read(typeName: string, state: State): Promise<{ state: State | null; diagnostics: Diagnostic[] }> {
    const diagnostics = new Diagnostics();
    const read = await this.server.readResource(typeName, state, undefined, diagnostics);
    return { state: read.state, diagnostics: diagnostics.items };
  }

  async import(typeName: string, id: string): Promise<{ state: State | null; diagnostics: Diagnostic[] }> {
    const diagnostics = new Diagnostics();
    const [imported] = await this.server.importResourceState(typeName, id, diagnostics);
    return { state: imported?.state ?? null, diagnostics: diagnostics.items };
  }

  /** Reads a data source with `values` as its (known) configuration. */
  async readData(typeName: string, values: State): Promise<{ state: State | null; diagnostics: Diagnostic[] }> {
    const config = completed(this.server.dataSource(typeName).schema, values);
    const diagnostics = new Diagnostics();
    const state = await this.server.readDataSource(typeName, config, diagnostics);
    return { state, diagnostics: diagnostics.items };
  }

  /** Opens an ephemeral resource and returns a close() that ends it as Terraform would. */
  async openEphemeral(typeName: string, values: State): Promise<{ result: State | null; diagnostics: Diagnostic[]; close(): Promise<Diagnostic[]> }> {
    const config = completed(this.server.ephemeral(typeName).schema, values);
    const diagnostics = new Diagnostics();
    const opened = await this.server.openEphemeral(typeName, config, diagnostics);
    return {
      result: opened.result,
      diagnostics: diagnostics.items,
      close: async () => {
        const closing = new Diagnostics();
        await this.server.closeEphemeral(typeName, opened.private, closing);
        return closing.items;
      },
    };
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
