// The provider SDK in one import, above both layers: the framework (declarations, values,
// validators, diagnostics) plus the protocol's serve() and logging. The framework itself
// never imports the protocol; only this barrel and entry points see both.
export * from './framework/index.ts';
export { serve } from './protocol/serve.ts';
export { addRedactionPattern, createLogger, redact } from './protocol/logging.ts';
export type { Logger } from './protocol/logging.ts';
