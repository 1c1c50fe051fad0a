// operationId → handler. app.ts refuses to start when the contract names an operation
// that has no handler here, so contract and server cannot drift apart silently.
import type { Handler } from './common.ts';
import * as assignments from './assignments.ts';
import * as keys from './keys.ts';
import * as permissions from './permissions.ts';
import * as roles from './roles.ts';
import * as serviceAccounts from './service-accounts.ts';
import * as system from './system.ts';

export const HANDLERS: Record<string, Handler> = {
  whoami: system.whoami,
  getOrganization: system.getOrganization,
  listAuditEvents: system.listAuditEvents,
  listPermissions: permissions.listPermissions,
  listServiceAccounts: serviceAccounts.listServiceAccounts,
  createServiceAccount: serviceAccounts.createServiceAccount,
  getServiceAccount: serviceAccounts.getServiceAccount,
  updateServiceAccount: serviceAccounts.updateServiceAccount,
  deleteServiceAccount: serviceAccounts.deleteServiceAccount,
  disableServiceAccount: serviceAccounts.disableServiceAccount,
  enableServiceAccount: serviceAccounts.enableServiceAccount,
  getServiceAccountRoles: assignments.getServiceAccountRoles,
  setServiceAccountRoles: assignments.setServiceAccountRoles,
  listServiceAccountKeys: keys.listServiceAccountKeys,
  createApiKey: keys.createApiKey,
  listApiKeys: keys.listApiKeys,
  getApiKey: keys.getApiKey,
  updateApiKey: keys.updateApiKey,
  revokeApiKey: keys.revokeApiKey,
  listRoles: roles.listRoles,
  createRole: roles.createRole,
  getRole: roles.getRole,
  updateRole: roles.updateRole,
  deleteRole: roles.deleteRole,
  listRoleAssignments: assignments.listRoleAssignments,
  createRoleAssignment: assignments.createRoleAssignment,
  getRoleAssignment: assignments.getRoleAssignment,
  deleteRoleAssignment: assignments.deleteRoleAssignment,
};
