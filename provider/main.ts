// terraform-provider-warden entry point: the bundle (and single executable) starts here.
import { addRedactionPattern } from './protocol/logging.ts';
import { serve } from './protocol/serve.ts';

// Whatever reaches a log line, nothing shaped like a Warden token is ever written.
addRedactionPattern(/wdn_[0-9A-Za-z]{49}/);

// No top-level await: the single-executable build is one CommonJS file.
// The definition (resources, SDK, validators) is imported after the handshake line.
serve({ typeName: 'warden', load: async () => (await import('./warden-provider.ts')).wardenProvider }).catch((error: unknown) => {
  process.stderr.write(`terraform-provider-warden failed to start: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
