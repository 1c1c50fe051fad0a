// Small helpers every renderer shares: ANSI colour that is a no-op when colour is off,
// Markdown that survives odd names, and the final scrub every rendered text passes.
import { scrub } from './safe-values.ts';
import type { Severity } from './model.ts';

export type Format = 'text' | 'markdown' | 'json' | 'sarif' | 'junit';
export const FORMATS: readonly Format[] = ['text', 'markdown', 'json', 'sarif', 'junit'];

/** The version of the JSON output (review.schema.json); bumped on any incompatible change. */
export const SCHEMA_VERSION = 1;

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export type Paint = (style: 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan', text: string) => string;

const CODES = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' } as const;

export function painter(colour: boolean): Paint {
  return (style, text) => (colour ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
}

export const SEVERITY_STYLE: Record<Severity, 'red' | 'yellow' | 'dim' | 'cyan'> = { high: 'red', medium: 'yellow', low: 'dim', info: 'cyan' };
export const SEVERITY_ICON: Record<Severity, string> = { high: '🔴', medium: '🟠', low: '⚪', info: 'ℹ️' };

/** Inline code that a backtick in the value cannot break out of. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, 'ˋ')}\``;
}

/** Text safe inside a Markdown table cell and free of HTML a PR comment would render. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

/** Every renderer returns through here: no token-shaped text leaves, whatever slipped in. */
export function finish(text: string): string {
  const scrubbed = scrub(text);
  return scrubbed.endsWith('\n') ? scrubbed : `${scrubbed}\n`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
