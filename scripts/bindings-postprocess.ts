// The generator writes CommonJS-flavoured TypeScript (extensionless relative imports).
// The repository is ESM with NodeNext resolution, so relative imports get explicit
// `.ts` extensions (or `/index.ts`) after generation.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function fixGeneratedImports(dir: string): void {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      fixGeneratedImports(path);
    } else if (path.endsWith('.ts')) {
      const text = readFileSync(path, 'utf8').replace(/(from\s+['"])(\.{1,2}\/[^'"]*)(['"])/g, (_m, head: string, spec: string, tail: string) => {
        const target = resolve(dirname(path), spec);
        const fixed = existsSync(`${target}.ts`) ? `${spec}.ts` : existsSync(join(target, 'index.ts')) ? `${spec}/index.ts` : spec;
        return head + fixed + tail;
      });
      writeFileSync(path, text);
    }
  }
}
