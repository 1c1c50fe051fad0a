// terraform-provider-warden entry point. The .proto files sit next to this module (or,
// in the bundle, next to dist/provider/provider.mjs).
import { serve } from './protocol/serve.ts';
import { wardenProvider } from './warden-provider.ts';

const protoDirectory = new URL('./protocol/', import.meta.url).href.includes('/dist/')
  ? new URL('./', import.meta.url).href
  : new URL('./protocol/', import.meta.url).href;

await serve(wardenProvider, protoDirectory);
