// Public entry of the Warden SDK: the client, its one error type, middleware for callers
// who build their own openapi-fetch client, and the helpers shared with CLI and provider.
export { collect, createWardenClient } from './client.ts';
export type {
  WardenClient,
  WardenClientOptions,
  WithEtag,
  ServiceAccount,
  ApiKey,
  ApiKeyWithSecret,
  Role,
  RoleAssignment,
  AuditEvent,
  Permission,
  WhoAmI,
  Schemas,
} from './client.ts';
export { WardenApiError, redact } from './errors.ts';
export type { FieldError, WardenApiErrorInit } from './errors.ts';
export { authMiddleware } from './middleware/auth.ts';
export { csrfMiddleware } from './middleware/csrf.ts';
export { createSessionClient } from './session-client.ts';
export type { SessionClient, SessionClientOptions } from './session-client.ts';
export { userAgentMiddleware } from './middleware/user-agent.ts';
export { retryMiddleware, isRetrySafe, retryAfterMs, backoffMs, DEFAULT_RETRY } from './middleware/retry.ts';
export type { RetryOptions, RetryHooks } from './middleware/retry.ts';
export { pages } from './paging.ts';
export type { Page } from './paging.ts';
export { etagOf, versionOf } from './etag.ts';
export { parseDuration, formatDuration, isDuration, DurationError } from './duration.ts';
export { generateToken, isWellFormedToken, describeTokenProblem, publicPrefix } from './token.ts';
export { assessKeyMaterial, weakKeyMaterialProblem, MIN_KEY_MATERIAL_BITS } from './key-material.ts';
export type { KeyMaterialAssessment } from './key-material.ts';
export {
  SLUG_PATTERN,
  LABEL_PATTERN,
  SERVICE_ACCOUNT_ID_PATTERN,
  KEY_ID_PATTERN,
  ASSIGNMENT_ID_PATTERN,
  PERMISSION_CATALOG,
  MANAGEMENT_PERMISSIONS,
  BUILTIN_ROLES,
  BUILTIN_ROLE_NAMES,
} from './rules.ts';
export type { PermissionInfo, RoleDefinition } from './rules.ts';
export { WARDEN_VERSION } from './generated/version.ts';
export type { paths, components, operations } from './generated/warden.ts';
