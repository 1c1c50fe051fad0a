// Command line for packaging a provider, usable from an npm script:
//   tsx provider/packaging/cli.ts --entry provider/main.ts --out dist/provider \
//     --mirror dist/terraform/mirror --namespace wardenhq --type warden --version 0.1.0 \
//     [--cli-config dist/terraform/terraform.rc]
// Prints the resulting paths and environment as JSON on stdout.
import { parseArgs } from 'node:util';
import { buildProvider } from './build.ts';
import { installInMirror, writeCliConfig } from './mirror.ts';

const { values } = parseArgs({
  options: {
    entry: { type: 'string' },
    out: { type: 'string' },
    mirror: { type: 'string' },
    namespace: { type: 'string' },
    type: { type: 'string' },
    version: { type: 'string' },
    hostname: { type: 'string' },
    'cli-config': { type: 'string' },
  },
});

const missing = ['entry', 'out', 'mirror', 'namespace', 'type', 'version'].filter((name) => !values[name as keyof typeof values]);
if (missing.length > 0) {
  process.stderr.write(`missing ${missing.map((m) => `--${m}`).join(', ')}\n`);
  process.exit(2);
}

const address = { hostname: values.hostname, namespace: values.namespace!, type: values.type!, version: values.version! };
const bundle = await buildProvider({ entry: values.entry!, outDir: values.out! });
const executable = installInMirror({ ...address, mirror: values.mirror!, bundle });
const env = values['cli-config'] ? writeCliConfig({ file: values['cli-config'], mirror: values.mirror!, providers: [address] }) : undefined;
process.stdout.write(`${JSON.stringify({ bundle, executable, env }, null, 2)}\n`);
