// Compares a committed folder of generated files with a fresh generation, for the
// freshness tests of generated bindings: which files differ, appeared or disappeared.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file below `dir`, by path relative to it, with its text. */
export function filesBelow(dir: string, root = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      Object.assign(out, filesBelow(path, root));
    } else {
      out[relative(root, path)] = readFileSync(path, 'utf8');
    }
  }
  return out;
}

/** The relative paths whose content differs between the two folders, sorted; empty when fresh. */
export function staleFiles(committedDir: string, freshDir: string): string[] {
  const committed = filesBelow(committedDir);
  const regenerated = filesBelow(freshDir);
  const names = [...new Set([...Object.keys(committed), ...Object.keys(regenerated)])].sort();
  return names.filter((f) => committed[f] !== regenerated[f]);
}
