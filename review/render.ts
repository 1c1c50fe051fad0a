// Renders a review (or a drift report) for a terminal (colour only on a TTY without
// NO_COLOR), as Markdown for a pull-request comment, or as JSON. Every string passes a
// scrubber, so a token that slipped into a plan never reaches any output.
import type { Flag, Review } from './analyze.ts';

const TOKEN = /wdn_[0-9A-Za-z]{8,}/g;
export const scrub = (text: string): string => text.replace(TOKEN, (t) => `${t.slice(0, 4)}[redacted]`);

export interface Rendered {
  review: Review;
  failures: Flag[];
}

const ICON: Record<string, string> = { high: '🔴', medium: '🟠', low: '⚪' };

export function renderJson({ review, failures }: Rendered): string {
  return scrub(JSON.stringify({ ...review, failures, passed: failures.length === 0 }, null, 2)) + '\n';
}

export function renderMarkdown({ review, failures }: Rendered): string {
  const lines = ['## Warden credential review', ''];
  if (review.accounts.length === 0 && review.roles.length === 0) {
    lines.push('No credential changes in this plan.', '');
  }
  for (const { account, changes } of review.accounts) {
    lines.push(`### \`${account}\``, '');
    for (const c of changes) {
      lines.push(`- **${c.kind.replace(/-/g, ' ')}** \`${c.subject}\` — ${c.detail}`);
    }
    lines.push('');
  }
  if (review.roles.length > 0) {
    lines.push('### Custom roles', '');
    for (const r of review.roles) {
      lines.push(`- **${r.action}** \`${r.role}\`: ${r.permissions.join(', ') || '(none)'}`);
    }
    lines.push('');
  }
  if (review.flags.length > 0) {
    lines.push('### Needs a second look', '', '| | rule | account | finding |', '| --- | --- | --- | --- |');
    for (const f of review.flags) {
      lines.push(`| ${ICON[f.severity]} | \`${f.rule}\` | \`${f.account}\` | ${f.message}${failures.includes(f) ? ' **(fails policy)**' : ''} |`);
    }
    lines.push('');
  }
  lines.push(failures.length === 0 ? '**Result: passes policy.**' : `**Result: fails policy (${failures.length} finding${failures.length === 1 ? '' : 's'}).**`, '');
  return scrub(lines.join('\n'));
}

export function renderTerminal({ review, failures }: Rendered, colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const { account, changes } of review.accounts) {
    lines.push(paint('1', account));
    for (const c of changes) {
      lines.push(`  ${c.kind.padEnd(17)} ${c.subject}: ${c.detail}`);
    }
  }
  for (const r of review.roles) {
    lines.push(`${paint('1', `role ${r.role}`)} ${r.action}: ${r.permissions.join(', ')}`);
  }
  if (review.accounts.length === 0 && review.roles.length === 0) {
    lines.push('No credential changes in this plan.');
  }
  if (review.flags.length > 0) {
    lines.push('', paint('1', 'Needs a second look:'));
    for (const f of review.flags) {
      const colourCode = f.severity === 'high' ? '31' : f.severity === 'medium' ? '33' : '2';
      lines.push(`  ${paint(colourCode, f.severity.toUpperCase().padEnd(6))} ${f.rule}: ${f.message}${failures.includes(f) ? paint('31', ' [fails policy]') : ''}`);
    }
  }
  lines.push('', failures.length === 0 ? paint('32', 'PASS') : paint('31', `FAIL: ${failures.length} policy finding(s)`));
  return scrub(lines.join('\n')) + '\n';
}
