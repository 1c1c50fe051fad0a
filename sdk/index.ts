// Public entry of the Warden SDK.
export { collect, createWardenClient } from './client.ts';
export type { WardenClient, WardenClientOptions, ServiceAccount, ApiKey, ApiKeyWithSecret, Role, RoleAssignment, AuditEvent, Schemas } from './client.ts';
export { WardenApiError } from './errors.ts';
export { parseDuration, formatDuration, isDuration, DurationError } from './duration.ts';
export { generateToken, isWellFormedToken, describeTokenProblem, publicPrefix } from './token.ts';
export type { paths, components } from './generated/warden.ts';
