// terraform-provider-warden entry point. The .proto files sit in provider/protocol/ in the
// source tree and next to the bundle in dist/provider/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addRedactionPattern } from './protocol/logging.ts';
import { serve } from './protocol/serve.ts';
import { wardenProvider } from './warden-provider.ts';

const besideBundle = new URL('./', import.meta.url);
const protoDirectory = existsSync(fileURLToPath(new URL('tfplugin6.proto', besideBundle))) ? besideBundle.href : new URL('./protocol/', import.meta.url).href;

// Whatever reaches a log line, nothing shaped like a Warden token is ever written.
addRedactionPattern(/wdn_[0-9A-Za-z]{49}/);

await serve(wardenProvider, protoDirectory);
