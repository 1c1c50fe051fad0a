// Renders a review three ways: a terminal summary (colour only when asked), Markdown to
// post as a pull-request comment, and JSON for tools. All three show the same facts and
// pass the same final scrub.
import type { AccountReview, ChangeKind, Flag, Review } from './model.ts';
import { cell, code, finish, painter, plural, SEVERITY_ICON, SEVERITY_STYLE, type Format, type Paint } from './render-common.ts';

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
    default:
      return renderReviewText(review, painter(Boolean(options.colour)));
  }
}

export function renderReviewJson(review: Review): string {
  const failing = failures(review);
  const body = {
    passed: failing.length === 0,
    plan: review.plan,
    summary: { accounts: review.accounts.length, changes: changeCount(review.accounts), roles: review.roles.length, flags: review.flags.length, failures: failing.length },
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

export function renderReviewMarkdown(review: Review): string {
  const failing = failures(review);
  const lines = ['## Warden credential review', ''];
  const when = review.plan.timestamp ? ` Plan of ${review.plan.timestamp.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}.` : '';
  lines.push(failing.length === 0 ? `✅ **Passes policy.**${when}` : `❌ **Fails policy: ${plural(failing.length, 'finding')}.**${when}`, '');
  if (empty(review)) {
    lines.push('This plan changes no service account, key, role or role assignment.', '');
  } else {
    lines.push(summaryLine(review), '');
  }
  for (const { account, changes } of review.accounts) {
    lines.push(`### ${code(account)}`, '');
    for (const change of changes) {
      const where = change.construct ? ` <sub>${cell(change.construct)}</sub>` : '';
      lines.push(`- ${ICON[SIGN[change.kind]]} **${VERB[change.kind]}** ${code(change.subject)} — ${cell(change.detail)}${where}`);
    }
    lines.push('');
  }
  if (review.roles.length > 0) {
    lines.push('### Custom roles', '', '| role | change | permissions |', '| --- | --- | --- |');
    for (const role of review.roles) {
      const diff = [...role.added.map((p) => `+${p}`), ...role.removed.map((p) => `−${p}`)];
      lines.push(`| ${code(role.role)} | ${role.action} | ${cell((diff.length > 0 && role.action === 'updated' ? diff : role.permissions).join(', ') || '(none)')} |`);
    }
    lines.push('');
  }
  if (review.flags.length > 0) {
    lines.push('### Needs a second look', '', '| | rule | account | finding | policy |', '| --- | --- | --- | --- | --- |');
    for (const flag of review.flags) {
      lines.push(`| ${SEVERITY_ICON[flag.severity]} ${flag.severity} | ${code(flag.rule)} | ${code(flag.account)} | ${cell(flag.message)} | ${flag.fails ? '**fails**' : 'reported'} |`);
    }
    lines.push('');
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
      lines.push(`  ${paint(signStyle(sign), sign)} ${VERB[change.kind].padEnd(16)} ${change.subject.padEnd(width)}  ${change.detail}${change.construct ? paint('dim', `  [${change.construct}]`) : ''}`);
    }
  }
  for (const role of review.roles) {
    const diff = [...role.added.map((p) => `+${p}`), ...role.removed.map((p) => `-${p}`)];
    lines.push(`${paint('bold', `role ${role.role}`)} ${role.action}: ${(role.action === 'updated' && diff.length > 0 ? diff : role.permissions).join(', ') || '(none)'}`);
  }
  if (review.flags.length > 0) {
    lines.push('', paint('bold', 'Needs a second look:'));
    for (const flag of review.flags) {
      lines.push(`  ${paint(SEVERITY_STYLE[flag.severity], flag.severity.toUpperCase().padEnd(6))} ${flag.rule.padEnd(22)} ${flag.message}${flag.fails ? paint('red', '  [fails policy]') : ''}`);
    }
  }
  for (const note of review.notes) {
    lines.push('', paint('dim', `note: ${note}`));
  }
  lines.push('', failing.length === 0 ? paint('green', `PASS (${summaryLine(review)})`) : paint('red', `FAIL: ${plural(failing.length, 'finding')} ${failing.length === 1 ? 'fails' : 'fail'} the policy (${summaryLine(review)})`));
  return finish(lines.join('\n'));
}
