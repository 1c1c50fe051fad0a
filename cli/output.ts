// Output for people (aligned tables) and machines (--json), and the exit codes CI reads.
import { WardenApiError } from '../sdk/errors.ts';

export const EXIT = { ok: 0, error: 1, usage: 2, unauthenticated: 3, notFound: 4, conflict: 5 } as const;

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  if (rows.length === 0) {
    process.stdout.write('(none)\n');
    return;
  }
  const cell = (v: unknown) => (v === null || v === undefined ? '-' : Array.isArray(v) ? v.join(',') : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd() + '\n';
  process.stdout.write(line(columns.map((c) => c.toUpperCase())));
  for (const row of rows) {
    process.stdout.write(line(columns.map((c) => cell(row[c]))));
  }
}

export function exitCodeFor(error: unknown): number {
  if (!(error instanceof WardenApiError)) {
    return EXIT.error;
  }
  if (error.status === 401) {
    return EXIT.unauthenticated;
  }
  if (error.status === 404) {
    return EXIT.notFound;
  }
  if (error.status === 409 || error.status === 412) {
    return EXIT.conflict;
  }
  return EXIT.error;
}

export function reportError(error: unknown): number {
  if (error instanceof WardenApiError) {
    process.stderr.write(`error: ${error.message} (${error.code}${error.status ? `, HTTP ${error.status}` : ''})\n`);
    for (const fieldError of error.fieldErrors) {
      process.stderr.write(`  ${fieldError.field}: ${fieldError.message}\n`);
    }
  } else {
    process.stderr.write(`error: ${(error as Error).message}\n`);
  }
  return exitCodeFor(error);
}
