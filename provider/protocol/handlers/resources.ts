// Managed resource RPCs, each decode → core → encode: validation, state upgrade, read,
// plan, apply, import and cross-type moves.
import type * as tf from '../generated/tfplugin6.ts';
import { toProtoPath } from '../to-proto.ts';
import { bytes, parseRawState, type RpcHandler } from './adapter.ts';

export const validateResourceConfig: RpcHandler<tf.ValidateResourceConfig_Request, tf.ValidateResourceConfig_Response> = async (
  request,
  diagnostics,
  adapter,
) => {
  const typeName = request.type_name ?? '';
  const config = adapter.decode(request.config, adapter.server.schemaOf('resource', typeName));
  await adapter.server.validateConfig('resource', typeName, config ?? {}, diagnostics);
  return {};
};

export const upgradeResourceState: RpcHandler<tf.UpgradeResourceState_Request, tf.UpgradeResourceState_Response> = async (request, diagnostics, adapter) => {
  const typeName = request.type_name ?? '';
  const raw = parseRawState(request.raw_state, diagnostics);
  const upgraded = await adapter.server.upgradeResourceState(typeName, Number(request.version ?? 0), raw, adapter.conform, diagnostics);
  return { upgraded_state: adapter.encode(upgraded, adapter.server.schemaOf('resource', typeName)) };
};

export const readResource: RpcHandler<tf.ReadResource_Request, tf.ReadResource_Response> = async (request, diagnostics, adapter) => {
  const typeName = request.type_name ?? '';
  const schema = adapter.server.schemaOf('resource', typeName);
  const current = adapter.decode(request.current_state, schema);
  const result = await adapter.server.readResource(typeName, current, bytes(request.private), diagnostics);
  return { new_state: adapter.encode(result.state, schema), private: result.private };
};

export const planResourceChange: RpcHandler<tf.PlanResourceChange_Request, tf.PlanResourceChange_Response> = async (request, diagnostics, adapter) => {
  const typeName = request.type_name ?? '';
  const schema = adapter.server.schemaOf('resource', typeName);
  const change = {
    prior: adapter.decode(request.prior_state, schema),
    proposed: adapter.decode(request.proposed_new_state, schema),
    config: adapter.decode(request.config, schema),
    priorPrivate: bytes(request.prior_private),
  };
  const result = await adapter.server.planResourceChange(typeName, change, diagnostics);
  return {
    planned_state: adapter.encode(result.planned, schema),
    requires_replace: result.requiresReplace.map(toProtoPath),
    planned_private: result.plannedPrivate,
  };
};

export const applyResourceChange: RpcHandler<tf.ApplyResourceChange_Request, tf.ApplyResourceChange_Response> = async (request, diagnostics, adapter) => {
  const typeName = request.type_name ?? '';
  const schema = adapter.server.schemaOf('resource', typeName);
  const change = {
    prior: adapter.decode(request.prior_state, schema),
    planned: adapter.decode(request.planned_state, schema),
    config: adapter.decode(request.config, schema),
    plannedPrivate: bytes(request.planned_private),
  };
  const result = await adapter.server.applyResourceChange(typeName, change, diagnostics);
  return { new_state: adapter.encode(result.state, schema), private: result.private };
};

export const importResourceState: RpcHandler<tf.ImportResourceState_Request, tf.ImportResourceState_Response> = async (request, diagnostics, adapter) => {
  const typeName = request.type_name ?? '';
  const schema = adapter.server.schemaOf('resource', typeName);
  const imported = await adapter.server.importResourceState(typeName, request.id ?? '', diagnostics);
  return { imported_resources: imported.map((r) => ({ type_name: typeName, state: adapter.encode(r.state, schema), private: r.private })) };
};

export const moveResourceState: RpcHandler<tf.MoveResourceState_Request, tf.MoveResourceState_Response> = async (request, diagnostics, adapter) => {
  const targetTypeName = request.target_type_name ?? '';
  const move = {
    sourceProviderAddress: request.source_provider_address ?? '',
    sourceTypeName: request.source_type_name ?? '',
    sourceVersion: Number(request.source_schema_version ?? 0),
    targetTypeName,
    state: parseRawState(request.source_state, diagnostics),
  };
  const state = await adapter.server.moveResourceState(move, diagnostics);
  return {
    target_state: adapter.encode(state, adapter.server.schemaOf('resource', targetTypeName)),
    target_private: bytes(request.source_private) ?? Buffer.alloc(0),
  };
};
