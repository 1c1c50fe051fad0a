// What a provider author declares: the provider, its resources, data sources and
// ephemeral resources. Hooks receive plain values; UNKNOWN marks what apply decides.
import type { TfValue } from '../protocol/types.ts';
import type { Diagnostics, PathStep } from './diagnostics.ts';
import type { Schema } from './schema.ts';

export type State = Record<string, TfValue>;

export interface PlanContext<Client> {
  client: Client;
  prior: State | null;
  config: State;
  /** The plan so far; modifyPlan edits it in place. */
  planned: State;
  diagnostics: Diagnostics;
  /** Ask for replacement because of this attribute (its planned value must differ or be unknown). */
  requireReplace(attribute: string): void;
}

export interface ResourceDefinition<Client> {
  schema: Schema;
  validate?(config: State, diagnostics: Diagnostics): void;
  modifyPlan?(ctx: PlanContext<Client>): Promise<void>;
  create(ctx: { client: Client; planned: State; config: State }): Promise<State>;
  /** Returns null when the object is gone, which removes it from state. */
  read(ctx: { client: Client; state: State; diagnostics: Diagnostics }): Promise<State | null>;
  update(ctx: { client: Client; prior: State; planned: State; config: State }): Promise<State>;
  delete(ctx: { client: Client; prior: State }): Promise<void>;
  importState?(ctx: { client: Client; id: string }): Promise<State>;
}

export interface DataSourceDefinition<Client> {
  schema: Schema;
  validate?(config: State, diagnostics: Diagnostics): void;
  read(ctx: { client: Client; config: State; diagnostics: Diagnostics }): Promise<State>;
}

export interface EphemeralDefinition<Client> {
  schema: Schema;
  open(ctx: { client: Client; config: State }): Promise<{ result: State; private?: Buffer }>;
  close?(ctx: { client: Client; private?: Buffer }): Promise<void>;
}

export interface ProviderDefinition<Client> {
  typeName: string;
  schema: Schema;
  /** Builds the client resources use; report problems as diagnostics on the config path. */
  configure(config: State, diagnostics: Diagnostics, context: { terraformVersion: string }): Promise<Client | undefined>;
  resources: Record<string, ResourceDefinition<Client>>;
  dataSources: Record<string, DataSourceDefinition<Client>>;
  ephemeralResources?: Record<string, EphemeralDefinition<Client>>;
}

export type { PathStep };
