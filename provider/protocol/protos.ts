// Loads the .proto files at run time with @grpc/proto-loader. They are looked up next to
// the running module: provider/protocol/ when run from source, and next to the bundle
// after packaging (provider/packaging/build.ts copies them there).
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PROTO_FILES = ['tfplugin6.proto', 'go-plugin.proto', 'health.proto'] as const;

const OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true };

/** Where the .proto files are: an explicit directory, else beside this module (or bundle). */
export function protoDirectory(explicit?: string): string {
  const candidates = [explicit, process.env.TF_PLUGIN_PROTO_DIR, fileURLToPath(new URL('.', import.meta.url))].filter(Boolean) as string[];
  const found = candidates.find((dir) => existsSync(`${dir}/tfplugin6.proto`));
  if (!found) {
    throw new Error(`tfplugin6.proto not found in ${candidates.join(', ')}; the packaging step copies it next to the bundle.`);
  }
  return found;
}

// Typed loosely on purpose: the service shapes come from the .proto text at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadProtos(directory?: string): any {
  const dir = protoDirectory(directory);
  return grpc.loadPackageDefinition(protoLoader.loadSync(PROTO_FILES.map((f) => `${dir}/${f}`), OPTIONS));
}
