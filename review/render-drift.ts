// Renders an audit-drift report as a terminal summary, Markdown (a CI job summary or an
// issue, with a hidden marker a bot can find it by), JSON, SARIF or JUnit, like the
// review; the same final scrub applies.
import type { DriftReport } from './model.ts';
import { cell, code, finish, painter, plural, SCHEMA_VERSION, SEVERITY_ICON, SEVERITY_STYLE, type Format } from './render-common.ts';
import { renderJunit } from './render-junit.ts';
import { renderSarif } from './render-sarif.ts';
import { DRIFT_RULE_INFO } from './rules.ts';

/** The hidden first line of a drift report in Markdown, for a bot updating its issue. */
export const DRIFT_MARKER = '<!-- warden-audit-drift -->';

export function renderDrift(report: DriftReport, format: Format, options: { colour?: boolean } = {}): string {
  const failing = report.findings.filter((f) => f.fails);
  const against = `${report.source.kind === 'state' ? 'Terraform state' : 'desired-state document'} ${report.source.path}`;
  const counts = `${plural(report.counts.accounts, 'service account')} (${report.counts.managedAccounts} declared), ${plural(report.counts.activeKeys, 'active key')} (${report.counts.managedKeys} declared)`;
  if (format === 'json') {
    return finish(
      JSON.stringify(
        {
          schema_version: SCHEMA_VERSION,
          passed: failing.length === 0,
          source: report.source,
          checked_at: report.checkedAt,
          counts: report.counts,
          findings: report.findings,
          failures: failing,
          notes: report.notes ?? [],
        },
        null,
        2,
      ),
    );
  }
  if (format === 'sarif') {
    return renderSarif(report.findings, { tool: 'warden audit-drift', rules: DRIFT_RULE_INFO });
  }
  if (format === 'junit') {
    return renderJunit(report.findings, { suite: 'warden audit-drift', rules: DRIFT_RULE_INFO, timestamp: report.checkedAt });
  }
  if (format === 'markdown') {
    const lines = [
      DRIFT_MARKER,
      '## Warden drift audit',
      '',
      failing.length === 0 ? '✅ **Passes policy.**' : `❌ **Fails policy: ${plural(failing.length, 'finding')}.**`,
      '',
      `Live organization at ${report.checkedAt} compared with the ${cell(against)}: ${counts}.`,
      '',
    ];
    if (report.findings.length === 0) {
      lines.push('No drift: everything live is declared, and no key needs attention.');
    } else {
      lines.push('| | rule | account | finding | policy |', '| --- | --- | --- | --- | --- |');
      for (const f of report.findings) {
        lines.push(
          `| ${SEVERITY_ICON[f.severity]} ${f.severity} | ${code(f.rule)} | ${code(f.account)} | ${cell(f.message)} | ${f.fails ? '**fails**' : 'reported'} |`,
        );
      }
    }
    if ((report.notes ?? []).length > 0) {
      lines.push('', `<details><summary>States read</summary>`, '', ...(report.notes ?? []).map((n) => `- ${cell(n)}`), '', '</details>');
    }
    return finish(lines.join('\n'));
  }
  const paint = painter(Boolean(options.colour));
  const lines = [paint('bold', 'Warden drift audit') + paint('dim', ` (${against}, at ${report.checkedAt})`), counts, ''];
  if (report.findings.length === 0) {
    lines.push('No drift: everything live is declared, and no key needs attention.');
  }
  for (const f of report.findings) {
    lines.push(
      `${paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(6))} ${f.rule.padEnd(18)} ${paint('bold', f.account)}: ${f.message}${f.fails ? paint('red', '  [fails policy]') : ''}`,
    );
  }
  for (const note of report.notes ?? []) {
    lines.push(paint('dim', `read ${note}`));
  }
  lines.push(
    '',
    failing.length === 0
      ? paint('green', 'PASS')
      : paint('red', `FAIL: ${plural(failing.length, 'finding')} ${failing.length === 1 ? 'fails' : 'fail'} the policy`),
  );
  return finish(lines.join('\n'));
}
