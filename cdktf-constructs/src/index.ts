// Public entry of the Warden CDKTF construct library.
export { WardenProvider } from '../generated/providers/warden/provider/index.ts';
export { ApiKey, type ApiKeyProps } from './api-key.ts';
export { ServiceAccount, type ServiceAccountProps, type AddKeyOptions } from './service-account.ts';
export { Organization } from './organization.ts';
export { ZeroDowntimeKeyPair, type ZeroDowntimeKeyPairProps } from './rotation.ts';
export { validateDocument, loadDocument, DocumentError, type OrganizationDocument, type ServiceAccountSpec, type KeySpec, type RoleSpec } from '../../sdk/organization-document.ts';
export { MaxKeyTtl, NoNonExpiringKeys, ForbiddenRoles, RequireDescriptions, LabelNamingRule, PolicyViolation } from './aspects.ts';
export * as bindings from '../generated/providers/warden/index.ts';
