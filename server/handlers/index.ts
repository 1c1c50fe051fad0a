// operationId → handler. app.ts refuses to start when the contract names an operation
// that has no handler here, so contract and server cannot drift apart silently.
import type { Handler, PublicHandler } from './common.ts';
import * as assignments from './assignments.ts';
import * as invitations from './invitations.ts';
import * as keys from './keys.ts';
import * as me from './me.ts';
import * as permissions from './permissions.ts';
import * as roles from './roles.ts';
import * as serviceAccounts from './service-accounts.ts';
import * as session from './session.ts';
import * as system from './system.ts';
import * as users from './users.ts';

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
  getMe: me.getMe,
  changeMyPassword: me.changeMyPassword,
  listMyKeys: me.listMyKeys,
  createMyKey: me.createMyKey,
  revokeMyKey: me.revokeMyKey,
  listUsers: users.listUsers,
  getUser: users.getUser,
  setUserRoles: users.setUserRoles,
  removeUser: users.removeUser,
  listInvitations: invitations.listInvitations,
  createInvitation: invitations.createInvitation,
  revokeInvitation: invitations.revokeInvitation,
};

/** Operations that authenticate on their own: sign-in, the session itself, accepting an invitation. */
export const PUBLIC_HANDLERS: Record<string, PublicHandler> = {
  signIn: session.signIn,
  getSession: session.getSession,
  signOut: session.signOut,
  acceptInvitation: invitations.acceptInvitation,
};
