// The protocol-free core: one method per provider operation, on plain values. The gRPC
// adapter (protocol/provider-service.ts) decodes requests, calls these, and encodes the
// answers. Nothing here throws for domain problems: errors become diagnostics.
import { Diagnostics, DiagnosticError, type Diagnostic, type Path } from './diagnostics.ts';
import type { DataSourceDefinition, EphemeralDefinition, ProviderDefinition, ResourceDefinition } from './definitions.ts';
import { complete, finishPlan, planAttributes, settle } from './planning.ts';
import { PrivateState } from './private-state.ts';
import { schemaProblems, type Schema, type State, type StateUpdate } from './schema.ts';
import { validateAttributes } from './validation.ts';

export type LogFn = (level: 'trace' | 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export type Kind = 'resource' | 'data source' | 'ephemeral resource';

/** What resources, data sources and ephemeral resources share for config validation. */
interface ValidatableDefinition {
  schema: Schema;
  validateConfig?: ResourceDefinition<unknown>['validateConfig'];
}

/** `base` overlaid with what a hook returned; undefined entries keep the base value. */
function merge(base: State, update: StateUpdate): State {
  const merged = { ...base };
  for (const [name, value] of Object.entries(update)) {
    if (value !== undefined) {
      merged[name] = value;
    }
  }
  return merged;
}

/** Values stored state never holds: unknown becomes null, write-only attributes null. */
function toStoredState(schema: Schema, state: StateUpdate, base: State = {}): State {
  const settled = settle(complete(schema, merge(base, state)));
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (attribute.writeOnly) {
      settled[name] = null;
    }
  }
  return settled;
}

export class ProviderServer<Client> {
  private client: Client | undefined;
  private stopping = new AbortController();

  constructor(
    readonly provider: ProviderDefinition<Client>,
    private readonly log: LogFn = () => undefined,
  ) {
    const problems = [
      ...schemaProblems(provider.schema, `provider ${provider.typeName}`),
      ...Object.entries(provider.resources).flatMap(([n, d]) => schemaProblems(d.schema, n)),
      ...Object.entries(provider.dataSources).flatMap(([n, d]) => schemaProblems(d.schema, `data.${n}`)),
      ...Object.entries(provider.ephemeralResources ?? {}).flatMap(([n, d]) => schemaProblems(d.schema, `ephemeral.${n}`)),
    ];
    if (problems.length > 0) {
      throw new Error(`Invalid provider declaration:\n${problems.join('\n')}`);
    }
  }

  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /** StopProvider: in-flight hooks see their signal aborted; later calls get a fresh one. */
  stop(): void {
    this.log('info', 'StopProvider: cancelling work in flight');
    this.stopping.abort(new Error('Terraform asked the provider to stop'));
    this.stopping = new AbortController();
  }

  // ---- lookups ---------------------------------------------------------------

  resource(typeName: string): ResourceDefinition<Client> {
    return this.find('resource', this.provider.resources, typeName);
  }

  dataSource(typeName: string): DataSourceDefinition<Client> {
    return this.find('data source', this.provider.dataSources, typeName);
  }

  ephemeral(typeName: string): EphemeralDefinition<Client> {
    return this.find('ephemeral resource', this.provider.ephemeralResources, typeName);
  }

  /** The schema of a type, or undefined when the provider does not know it. */
  schemaOf(kind: Kind | 'provider', typeName = ''): Schema | undefined {
    if (kind === 'provider') {
      return this.provider.schema;
    }
    const table = kind === 'resource' ? this.provider.resources : kind === 'data source' ? this.provider.dataSources : this.provider.ephemeralResources;
    return table?.[typeName]?.schema;
  }

  private find<T>(kind: Kind, table: Record<string, T> | undefined, typeName: string): T {
    const found = table?.[typeName];
    if (!found) {
      throw new DiagnosticError(
        `Unknown ${kind} type`,
        `The ${this.provider.typeName} provider has no ${kind} named "${typeName}". Check the spelling or upgrade the provider.`,
      );
    }
    return found;
  }

  private requireClient(): Client {
    if (this.client === undefined) {
      throw new DiagnosticError(
        'Provider not configured',
        `Terraform used the ${this.provider.typeName} provider before it was configured successfully; see the errors from configuring it.`,
      );
    }
    return this.client;
  }

  /** Runs an operation; a thrown error becomes an error diagnostic and `fallback` the answer. */
  async guard<T>(operation: string, diagnostics: Diagnostics, fallback: T, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      diagnostics.add(this.describe(error, operation));
      return fallback;
    }
  }

  private describe(error: unknown, operation: string): Diagnostic {
    if (error instanceof DiagnosticError) {
      return { severity: 'error', summary: error.summary, detail: error.detail, path: error.path };
    }
    const custom = this.provider.describeError?.(error);
    if (custom) {
      return custom;
    }
    const e = error as { name?: string; message?: string; code?: unknown; status?: unknown };
    const facts = [e?.code !== undefined ? `code ${String(e.code)}` : '', e?.status !== undefined ? `status ${String(e.status)}` : '']
      .filter(Boolean)
      .join(', ');
    this.log('error', `${operation} failed`, { error: String(e?.message ?? error) });
    return { severity: 'error', summary: `${operation} failed`, detail: `${e?.message ?? String(error)}${facts ? ` (${facts})` : ''}` };
  }

  private hook(diagnostics: Diagnostics) {
    return { client: this.requireClient(), diagnostics, signal: this.signal };
  }

  private async validate(definition: ValidatableDefinition, config: State, diagnostics: Diagnostics): Promise<void> {
    validateAttributes(definition.schema, config, diagnostics);
    await definition.validateConfig?.({ config, diagnostics });
  }

  // ---- provider --------------------------------------------------------------

  async validateProviderConfig(config: State, diagnostics: Diagnostics): Promise<void> {
    await this.guard('Validating the provider configuration', diagnostics, undefined, async () => {
      validateAttributes(this.provider.schema, config, diagnostics);
      await this.provider.validateConfig?.({ config, diagnostics });
    });
  }

  async configure(config: State, terraformVersion: string, diagnostics: Diagnostics): Promise<void> {
    this.client = await this.guard('Configuring the provider', diagnostics, undefined, () =>
      this.provider.configure(config, diagnostics, { terraformVersion, signal: this.signal }),
    );
  }

  // ---- validation ------------------------------------------------------------

  async validateConfig(kind: Kind, typeName: string, config: State, diagnostics: Diagnostics): Promise<void> {
    await this.guard(`Validating ${typeName}`, diagnostics, undefined, async () => {
      const definition: ValidatableDefinition =
        kind === 'resource' ? this.resource(typeName) : kind === 'data source' ? this.dataSource(typeName) : this.ephemeral(typeName);
      await this.validate(definition, config, diagnostics);
    });
  }

  // ---- managed resources -----------------------------------------------------

  /** Stored JSON (any earlier schema version) → the current shape. */
  async upgradeResourceState(
    typeName: string,
    version: number,
    raw: Record<string, unknown>,
    conform: (raw: unknown, schema: Schema) => State,
    diagnostics: Diagnostics,
  ): Promise<State | null> {
    return this.guard(`Upgrading the state of ${typeName}`, diagnostics, null, async () => {
      const resource = this.resource(typeName);
      const current = resource.schema.version ?? 0;
      if (version > current) {
        throw new DiagnosticError(
          'State written by a newer provider',
          `The stored ${typeName} state has schema version ${version}; this provider knows versions up to ${current}. Upgrade the provider.`,
        );
      }
      if (version < current && resource.upgradeState) {
        return toStoredState(resource.schema, await resource.upgradeState({ version, state: raw, diagnostics }));
      }
      // Same version (core asks on every state load), or no upgrader: keep what still fits.
      return toStoredState(resource.schema, conform(raw, resource.schema));
    });
  }

  async readResource(
    typeName: string,
    state: State | null,
    privateBytes: Uint8Array | undefined,
    diagnostics: Diagnostics,
  ): Promise<{ state: State | null; private: Buffer }> {
    const privateState = PrivateState.from(privateBytes);
    const unchanged = { state, private: privateState.toBytes() };
    if (state === null) {
      return unchanged;
    }
    return this.guard(`Reading ${typeName}`, diagnostics, unchanged, async () => {
      const resource = this.resource(typeName);
      const fresh = await resource.read({ ...this.hook(diagnostics), state, private: privateState });
      return { state: fresh === null ? null : toStoredState(resource.schema, fresh, state), private: privateState.toBytes() };
    });
  }

  async planResourceChange(
    typeName: string,
    request: { prior: State | null; proposed: State | null; config: State | null; priorPrivate?: Uint8Array },
    diagnostics: Diagnostics,
  ): Promise<{ planned: State | null; requiresReplace: Path[]; plannedPrivate: Buffer }> {
    const privateState = PrivateState.from(request.priorPrivate);
    const { prior, proposed } = request;
    const destroy = { planned: null, requiresReplace: [], plannedPrivate: privateState.toBytes() };
    if (proposed === null) {
      return destroy;
    }
    return this.guard(`Planning ${typeName}`, diagnostics, { planned: proposed, requiresReplace: [], plannedPrivate: privateState.toBytes() }, async () => {
      const resource = this.resource(typeName);
      const config = complete(resource.schema, request.config ?? {});
      const input = { schema: resource.schema, prior, proposed, config, private: privateState, diagnostics };
      const base = planAttributes(input);
      if (resource.modifyPlan) {
        const replace = base.requiresReplace;
        await resource.modifyPlan({
          ...this.hook(diagnostics),
          private: privateState,
          config,
          prior,
          proposed,
          planned: base.planned,
          isCreate: prior === null,
          requireReplace: (attribute) => {
            const path = typeof attribute === 'string' ? [attribute] : attribute;
            if (!replace.some((p) => JSON.stringify(p) === JSON.stringify(path))) {
              replace.push(path);
            }
          },
        });
      }
      const plan = finishPlan({ ...input, ...base });
      return { planned: plan.planned, requiresReplace: plan.requiresReplace, plannedPrivate: privateState.toBytes() };
    });
  }

  async applyResourceChange(
    typeName: string,
    request: { prior: State | null; planned: State | null; config: State | null; plannedPrivate?: Uint8Array },
    diagnostics: Diagnostics,
  ): Promise<{ state: State | null; private: Buffer }> {
    const privateState = PrivateState.from(request.plannedPrivate);
    const { prior, planned } = request;
    // On failure Terraform keeps what we answer: nothing for a failed create, the prior
    // object for a failed update or delete (it still exists).
    return this.guard(`Applying ${typeName}`, diagnostics, { state: prior, private: privateState.toBytes() }, async () => {
      const resource = this.resource(typeName);
      const context = { ...this.hook(diagnostics), private: privateState };
      if (planned === null) {
        if (prior !== null) {
          await resource.delete({ ...context, prior });
        }
        return { state: null, private: Buffer.alloc(0) };
      }
      const config = complete(resource.schema, request.config ?? {});
      const result = prior === null ? await resource.create({ ...context, planned, config }) : await resource.update({ ...context, prior, planned, config });
      return { state: toStoredState(resource.schema, result, planned), private: privateState.toBytes() };
    });
  }

  async importResourceState(typeName: string, id: string, diagnostics: Diagnostics): Promise<{ state: State; private: Buffer }[]> {
    return this.guard(`Importing ${typeName}`, diagnostics, [], async () => {
      const resource = this.resource(typeName);
      if (!resource.importState) {
        throw new DiagnosticError('Import not supported', `${typeName} cannot be imported; declare it and let Terraform create it instead.`);
      }
      const privateState = PrivateState.empty();
      const state = await resource.importState({ ...this.hook(diagnostics), id, private: privateState });
      if (state === null) {
        throw new DiagnosticError(
          'Cannot import non-existent remote object',
          `No ${typeName} with id "${id}" exists. Check the id, and that the provider is configured for the right account.`,
        );
      }
      return [{ state: toStoredState(resource.schema, state), private: privateState.toBytes() }];
    });
  }

  /** Which resources accept `moved` blocks from other types (server capability). */
  get canMoveState(): boolean {
    return Object.values(this.provider.resources).some((r) => r.moveState);
  }

  async moveResourceState(
    request: { sourceProviderAddress: string; sourceTypeName: string; sourceVersion: number; targetTypeName: string; state: Record<string, unknown> },
    diagnostics: Diagnostics,
  ): Promise<State | null> {
    return this.guard(`Moving ${request.sourceTypeName} to ${request.targetTypeName}`, diagnostics, null, async () => {
      const resource = this.resource(request.targetTypeName);
      const moved = await resource.moveState?.({ ...request, diagnostics });
      if (!moved) {
        throw new DiagnosticError(
          'Unsupported resource move',
          `${request.targetTypeName} cannot take over state from ${request.sourceTypeName} (${request.sourceProviderAddress}).`,
        );
      }
      return toStoredState(resource.schema, moved);
    });
  }

  // ---- data sources ----------------------------------------------------------

  async readDataSource(typeName: string, config: State, diagnostics: Diagnostics): Promise<State | null> {
    return this.guard(`Reading data source ${typeName}`, diagnostics, null, async () => {
      const source = this.dataSource(typeName);
      const state = await source.read({ ...this.hook(diagnostics), config });
      return toStoredState(source.schema, state, config);
    });
  }

  // ---- ephemeral resources ---------------------------------------------------

  async openEphemeral(typeName: string, config: State, diagnostics: Diagnostics): Promise<{ result: State | null; private?: Buffer; renewAt?: Date }> {
    return this.guard<{ result: State | null; private?: Buffer; renewAt?: Date }>(`Opening ${typeName}`, diagnostics, { result: null }, async () => {
      const ephemeral = this.ephemeral(typeName);
      const opened = await ephemeral.open({ ...this.hook(diagnostics), config });
      return { ...opened, result: settle(complete(ephemeral.schema, merge(config, opened.result))) };
    });
  }

  async renewEphemeral(typeName: string, privateBytes: Buffer | undefined, diagnostics: Diagnostics): Promise<{ private?: Buffer; renewAt?: Date }> {
    return this.guard(`Renewing ${typeName}`, diagnostics, { private: privateBytes }, async () => {
      const ephemeral = this.ephemeral(typeName);
      return ephemeral.renew ? ephemeral.renew({ ...this.hook(diagnostics), private: privateBytes }) : { private: privateBytes };
    });
  }

  async closeEphemeral(typeName: string, privateBytes: Buffer | undefined, diagnostics: Diagnostics): Promise<void> {
    await this.guard(`Closing ${typeName}`, diagnostics, undefined, async () => {
      await this.ephemeral(typeName).close?.({ ...this.hook(diagnostics), private: privateBytes });
    });
  }
}
