// JUnit XML for GitLab and Jenkins test reports: one test case per finding (a failure
// when it fails the policy, skipped when it could not be verified, passed but logged when
// only reported) and one passing case per rule that found nothing, so the report shows
// what was checked, not only what went wrong.
import { finish } from './render-common.ts';
import type { CiFinding, RuleInfo } from './rules.ts';

// XML 1.0 forbids most control characters, even escaped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xml(text: string): string {
  return text.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export interface JunitOptions {
  /** e.g. "warden review"; also the class name prefix (`warden.review.escalation`). */
  suite: string;
  rules: Record<string, RuleInfo>;
  timestamp?: string;
}

export function renderJunit(findings: readonly CiFinding[], options: JunitOptions): string {
  const classPrefix = options.suite.replace(/\s+/g, '.').replace(/-/g, '_');
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const finding of findings) {
    const where = finding.construct ?? finding.address ?? finding.key ?? '';
    const name = `${finding.account}${where ? ` (${where})` : ''}: ${finding.message}`;
    const file = finding.location ? ` file="${xml(finding.location.file)}" line="${finding.location.line}"` : '';
    const open = `    <testcase classname="${xml(`${classPrefix}.${finding.rule}`)}" name="${xml(name)}"${file} time="0">`;
    if (finding.fails) {
      failures += 1;
      cases.push(
        `${open}\n      <failure type="${xml(finding.rule)}" message="${xml(finding.message)}">${xml(`${finding.severity}: ${finding.message}${finding.location ? `\nat ${finding.location.file}:${finding.location.line}` : ''}`)}</failure>\n    </testcase>`,
      );
    } else if (finding.severity === 'low') {
      skipped += 1;
      cases.push(`${open}\n      <skipped message="${xml(`not verified: ${finding.message}`)}"/>\n    </testcase>`);
    } else {
      cases.push(
        `${open}\n      <system-out>${xml(`${finding.severity}, reported (does not fail the policy): ${finding.message}`)}</system-out>\n    </testcase>`,
      );
    }
  }
  for (const [rule, info] of Object.entries(options.rules)) {
    if (!findings.some((f) => f.rule === rule)) {
      cases.push(`    <testcase classname="${xml(`${classPrefix}.${rule}`)}" name="${xml(`${rule}: no findings (${info.summary})`)}" time="0"/>`);
    }
  }
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}"`;
  const stamp = options.timestamp ? ` timestamp="${xml(options.timestamp.replace(/Z$/, ''))}"` : '';
  return finish(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="${xml(options.suite)}" ${counts} time="0">`,
      `  <testsuite name="${xml(options.suite)}" ${counts}${stamp} time="0">`,
      ...cases,
      '  </testsuite>',
      '</testsuites>',
    ].join('\n'),
  );
}
