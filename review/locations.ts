// Where a finding lives in the source, for SARIF annotations: the `.tf` file and line of
// the resource block (scanned in the plan's working directory and its local modules, as
// Terraform reports them in the plan's configuration), or, for a CDKTF stack, the line of
// the resource in cdk.tf.json together with its construct path.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ConfigModule, PlanJson } from './plan-types.ts';

export interface SourceLocation {
  /** Path relative to the repository root (or, outside a repository, the directory the command runs in), with forward slashes. */
  file: string;
  line: number;
}

export type Locator = (address: string) => SourceLocation | undefined;

const BLOCK = /^\s*(resource|data)\s+"([^"]+)"\s+"([^"]+)"/;

/** `module.a["x"].warden_api_key.k[0]` → `module.a.warden_api_key.k`: configuration addresses have no instance keys. */
export function configAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

/** The repository root (nearest folder with .git) above `dir`, else `dir`: code scanning resolves SARIF paths from the repository root. */
export function sourceRoot(dir: string): string {
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) {
      return current;
    }
    if (dirname(current) === current) {
      return resolve(dir);
    }
  }
}

const shown = (path: string, cwd: string) => {
  const root = sourceRoot(cwd);
  const rel = relative(root, resolve(path));
  return (rel.startsWith('..') ? resolve(path) : rel).split(sep).join('/');
};

function scanDirectory(dir: string, prefix: string, cwd: string, into: Map<string, SourceLocation>): void {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.tf'))
      .sort();
  } catch {
    return;
  }
  for (const file of files) {
    const path = join(dir, file);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((text, index) => {
      const match = BLOCK.exec(text);
      if (match) {
        const key = `${prefix}${match[1] === 'data' ? 'data.' : ''}${match[2]}.${match[3]}`;
        if (!into.has(key)) {
          into.set(key, { file: shown(path, cwd), line: index + 1 });
        }
      }
    });
  }
}

function scanModules(module: ConfigModule | undefined, dir: string, prefix: string, cwd: string, into: Map<string, SourceLocation>, depth: number): void {
  for (const [name, call] of Object.entries(module?.module_calls ?? {})) {
    // Only local modules have their source beside the configuration; registry modules are not ours to annotate.
    if (depth > 10 || !call.source || !/^\.\.?\//.test(call.source)) {
      continue;
    }
    const childDir = join(dir, call.source);
    const childPrefix = `${prefix}module.${name}.`;
    scanDirectory(childDir, childPrefix, cwd, into);
    scanModules(call.module, childDir, childPrefix, cwd, into, depth + 1);
  }
}

/** Finds resource blocks in `dir` (the Terraform working directory) and its local modules. */
export function terraformLocator(plan: PlanJson, dir: string, cwd: string = process.cwd()): Locator {
  const found = new Map<string, SourceLocation>();
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    scanDirectory(dir, '', cwd, found);
    scanModules(plan.configuration?.root_module, dir, '', cwd, found, 0);
  }
  return (address) => found.get(configAddress(address));
}

/** The line of each resource of a cdk.tf.json (`"type": { … "name": {`), by address. */
export function cdktfLocator(path: string, text: string, cwd: string = process.cwd()): Locator {
  const found = new Map<string, SourceLocation>();
  const lines = text.split('\n');
  let inResources = false;
  let type: string | undefined;
  lines.forEach((line, index) => {
    // cdktf writes cdk.tf.json indented by two spaces per level.
    const key = /^( *)"([^"]+)": \{/.exec(line);
    if (!key) {
      return;
    }
    const depth = key[1]!.length / 2;
    if (depth === 1) {
      inResources = key[2] === 'resource';
      type = undefined;
    } else if (inResources && depth === 2) {
      type = key[2];
    } else if (inResources && depth === 3 && type) {
      found.set(`${type}.${key[2]}`, { file: shown(path, cwd), line: index + 1 });
    }
  });
  return (address) => found.get(configAddress(address));
}
