// Public entry of the Warden CDKTF construct library: hand-written constructs, policy
// aspects, the organization document (type, validator, JSON Schema) and, under
// `bindings`, the generated provider bindings for escape hatches.
export { WardenProvider, type WardenProviderConfig } from './provider.ts';
export { ApiKey, type ApiKeyProps, type ExposeSecretOptions } from './api-key.ts';
export { WriteOnlyKey, type WriteOnlyKeyProps, type WriteToOptions } from './write-only-key.ts';
export { ServiceAccount, ImportedServiceAccount, type IServiceAccount, type ServiceAccountProps, type AddKeyOptions } from './service-account.ts';
export { CustomRole, BUILTIN_ROLES, type CustomRoleProps, type RoleRef } from './custom-role.ts';
export { Organization, validateOrganizationDocument } from './organization.ts';
export { ZeroDowntimeKeyPair, type ZeroDowntimeKeyPairProps } from './rotation.ts';
export {
  PolicyAspect,
  MaxKeyTtl,
  NoNonExpiringKeys,
  ForbiddenRoles,
  RequireDescriptions,
  LabelNamingRule,
  policyViolations,
  WardenPolicy,
  PolicyFileError,
  MANAGEMENT_PERMISSIONS,
  wardenPolicySchema,
  type PolicyOptions,
  type ForbiddenRolesOptions,
} from './aspects.ts';
export { ValidationError } from './validation.ts';
export { DocumentError, type OrganizationDocument, type ServiceAccountSpec, type KeySpec, type RoleSpec } from '@wardenhq/sdk/organization-document';
export { default as organizationDocumentSchema } from '../organization-document.schema.json' with { type: 'json' };
export * as bindings from '../generated/providers/warden/index.ts';
