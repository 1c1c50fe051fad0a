// Renders a review five ways: a terminal summary (colour only when asked), Markdown to
// post as a pull-request comment, JSON for tools (review.schema.json), SARIF for code
// scanning and JUnit XML for CI test reports. All show the same facts and pass the same
// final scrub.
import type { AccountReview, ChangeKind, Flag, Review } from './model.ts';
import { cell, code, finish, painter, plural, SCHEMA_VERSION, SEVERITY_ICON, SEVERITY_STYLE, type Format, type Paint } from './render-common.ts';
import { renderJunit } from './render-junit.ts';
import { renderSarif } from './render-sarif.ts';
import { REVIEW_RULES } from './rules.ts';

export interface RenderOptions {
  colour?: boolean;
}

const VERB: Record<ChangeKind, string> = {
  'account-created': 'account created',
  'account-deleted': 'account deleted',
  'account-disabled': 'account disabled',
  'account-enabled': 'account enabled',
  'account-updated': 'account updated',
  'key-created': 'key created',
  'key-rotated': 'key rotated',
  'key-revoked': 'key revoked',
  'key-updated': 'key updated',
  'ttl-changed': 'ttl changed',
  'role-granted': 'role granted',
  'role-removed': 'role removed',
};

const SIGN: Record<ChangeKind, string> = {
  'account-created': '+',
  'account-deleted': '-',
  'account-disabled': '~',
  'account-enabled': '~',
  'account-updated': '~',
  'key-created': '+',
  'key-rotated': '±',
  'key-revoked': '-',
  'key-updated': '~',
  'ttl-changed': '~',
  'role-granted': '+',
  'role-removed': '-',
};

// Markdown list items cannot start with "-" or "+" (that nests a list), so icons there.
const ICON: Record<string, string> = { '+': '➕', '-': '➖', '~': '✏️', '±': '🔁' };

const failures = (review: Review): Flag[] => review.flags.filter((f) => f.fails);
const changeCount = (accounts: AccountReview[]) => accounts.reduce((n, a) => n + a.changes.length, 0);

export function renderReview(review: Review, format: Format, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return renderReviewJson(review);
    case 'markdown':
      return renderReviewMarkdown(review);
    case 'sarif':
      return renderSarif(review.flags, { tool: 'warden review', rules: REVIEW_RULES });
    case 'junit':
      return renderJunit(review.flags, { suite: 'warden review', rules: REVIEW_RULES, ...(review.plan.timestamp ? { timestamp: review.plan.timestamp } : {}) });
    default:
      return renderReviewText(review, painter(Boolean(options.colour)));
  }
}

export function renderReviewJson(review: Review): string {
  const failing = failures(review);
  const body = {
    schema_version: SCHEMA_VERSION,
    passed: failing.length === 0,
    plan: review.plan,
    summary: {
      accounts: review.accounts.length,
      changes: changeCount(review.accounts),
      roles: review.roles.length,
      flags: review.flags.length,
      failures: failing.length,
    },
    accounts: review.accounts,
    roles: review.roles,
    flags: review.flags,
    failures: failing,
    notes: review.notes,
  };
  return finish(JSON.stringify(body, null, 2));
}

function summaryLine(review: Review): string {
  const failing = failures(review).length;
  return [
    plural(review.accounts.length, 'service account'),
    plural(changeCount(review.accounts), 'change'),
    ...(review.roles.length > 0 ? [plural(review.roles.length, 'custom role')] : []),
    plural(review.flags.length, 'flag'),
    ...(failing > 0 ? [`${failing} failing the policy`] : []),
  ].join(' · ');
}

const empty = (review: Review) => review.accounts.length === 0 && review.roles.length === 0;

/** The hidden first line of the PR comment: a bot finds its earlier comment by it and edits it instead of adding another. */
export const REVIEW_MARKER = '<!-- warden-review -->';

const bySeverity = (flags: Flag[], severity: Flag['severity']) => flags.filter((f) => f.severity === severity).length;

export function renderReviewMarkdown(review: Review): string {
  const failing = failures(review);
  const lines = [REVIEW_MARKER, '## Warden credential review', ''];
  const when = review.plan.timestamp ? ` Plan of ${review.plan.timestamp.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}.` : '';
  lines.push(failing.length === 0 ? `✅ **Passes policy.**${when}` : `❌ **Fails policy: ${plural(failing.length, 'finding')}.**${when}`, '');
  if (empty(review)) {
    lines.push('This plan changes no service account, key, role or role assignment.', '');
  } else {
    const severities = (['high', 'medium', 'low'] as const).map((s) => `${SEVERITY_ICON[s]} ${bySeverity(review.flags, s)} ${s}`).join(' · ');
    lines.push(
      '| | |',
      '| --- | --- |',
      `| Service accounts changed | ${review.accounts.length} |`,
      `| Changes | ${changeCount(review.accounts)} |`,
      `| Custom roles changed | ${review.roles.length} |`,
      `| Flags | ${review.flags.length > 0 ? severities : '0'} |`,
      `| Failing the policy | ${failing.length > 0 ? `**${failing.length}**` : '0'} |`,
      '',
    );
  }
  if (review.flags.length > 0) {
    // Findings stay open: they are what the reviewer must read. Per-account details collapse.
    lines.push('### Needs a second look', '', '| | rule | account | finding | where | policy |', '| --- | --- | --- | --- | --- | --- |');
    for (const flag of review.flags) {
      const where = flag.location ? `${flag.location.file}:${flag.location.line}` : (flag.construct ?? flag.address);
      lines.push(
        `| ${SEVERITY_ICON[flag.severity]} ${flag.severity} | ${code(flag.rule)} | ${code(flag.account)} | ${cell(flag.message)} | ${code(where)} | ${flag.fails ? '**fails**' : 'reported'} |`,
      );
    }
    lines.push('');
  }
  for (const { account, changes } of review.accounts) {
    const flagged = review.flags.filter((f) => f.account === account).length;
    lines.push(
      `<details><summary><b>${cell(account)}</b>: ${plural(changes.length, 'change')}${flagged > 0 ? `, ${plural(flagged, 'flag')}` : ''}</summary>`,
      '',
    );
    for (const change of changes) {
      const where = change.construct ? ` <sub>${cell(change.construct)}</sub>` : '';
      lines.push(`- ${ICON[SIGN[change.kind]]} **${VERB[change.kind]}** ${code(change.subject)} — ${cell(change.detail)}${where}`);
    }
    lines.push('', '</details>', '');
  }
  if (review.roles.length > 0) {
    lines.push(
      `<details><summary><b>Custom roles</b>: ${plural(review.roles.length, 'change')}</summary>`,
      '',
      '| role | change | permissions |',
      '| --- | --- | --- |',
    );
    for (const role of review.roles) {
      const diff = [...role.added.map((p) => `+${p}`), ...role.removed.map((p) => `−${p}`)];
      lines.push(
        `| ${code(role.role)} | ${role.action} | ${cell((diff.length > 0 && role.action === 'updated' ? diff : role.permissions).join(', ') || '(none)')} |`,
      );
    }
    lines.push('', '</details>', '');
  }
  for (const note of review.notes) {
    lines.push(`> ${cell(note)}`, '');
  }
  lines.push('<sub>Secrets are never shown: values marked sensitive are withheld and token-shaped text is redacted.</sub>');
  return finish(lines.join('\n'));
}

export function renderReviewText(review: Review, paint: Paint): string {
  const failing = failures(review);
  const lines = [paint('bold', 'Warden credential review') + (review.plan.timestamp ? paint('dim', ` (plan of ${review.plan.timestamp})`) : ''), ''];
  if (empty(review)) {
    lines.push('No credential changes in this plan.');
  }
  const signStyle = (sign: string) => (sign === '+' ? 'green' : sign === '-' ? 'red' : 'yellow');
  const width = Math.max(0, ...review.accounts.flatMap((a) => a.changes.map((c) => c.subject.length)));
  for (const { account, changes } of review.accounts) {
    lines.push(paint('bold', account));
    for (const change of changes) {
      const sign = SIGN[change.kind];
      lines.push(
        `  ${paint(signStyle(sign), sign)} ${VERB[change.kind].padEnd(16)} ${change.subject.padEnd(width)}  ${change.detail}${change.construct ? paint('dim', `  [${change.construct}]`) : ''}`,
      );
    }
  }
  for (const role of review.roles) {
    const diff = [...role.added.map((p) => `+${p}`), ...role.removed.map((p) => `-${p}`)];
    lines.push(
      `${paint('bold', `role ${role.role}`)} ${role.action}: ${(role.action === 'updated' && diff.length > 0 ? diff : role.permissions).join(', ') || '(none)'}`,
    );
  }
  if (review.flags.length > 0) {
    lines.push('', paint('bold', 'Needs a second look:'));
    for (const flag of review.flags) {
      lines.push(
        `  ${paint(SEVERITY_STYLE[flag.severity], flag.severity.toUpperCase().padEnd(6))} ${flag.rule.padEnd(22)} ${flag.message}${flag.fails ? paint('red', '  [fails policy]') : ''}`,
      );
    }
  }
  for (const note of review.notes) {
    lines.push('', paint('dim', `note: ${note}`));
  }
  lines.push(
    '',
    failing.length === 0
      ? paint('green', `PASS (${summaryLine(review)})`)
      : paint('red', `FAIL: ${plural(failing.length, 'finding')} ${failing.length === 1 ? 'fails' : 'fail'} the policy (${summaryLine(review)})`),
  );
  return finish(lines.join('\n'));
}
