// SARIF 2.1.0 for code-scanning annotations (GitHub code scanning, GitLab, Azure DevOps):
// one run, the rule catalogue, one result per finding. A finding that fails the policy
// is an `error`, a reported one a `warning` (high, medium) or a `note` (low, info).
// Locations: the .tf file and line of the resource (or its line in cdk.tf.json) with the
// Terraform address or CDKTF construct path as a logical location.
import { createHash } from 'node:crypto';
import type { Severity } from './model.ts';
import { finish } from './render-common.ts';
import type { CiFinding, RuleInfo } from './rules.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const level = (finding: CiFinding): 'error' | 'warning' | 'note' =>
  finding.fails ? 'error' : finding.severity === 'high' || finding.severity === 'medium' ? 'warning' : 'note';
const defaultLevel = (severity: Severity): 'error' | 'warning' | 'note' => (severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note');
// GitHub sorts alerts by this 0–10 score.
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.0', low: '2.0', info: '0.0' };

export interface SarifOptions {
  tool: string;
  rules: Record<string, RuleInfo>;
}

export function renderSarif(findings: readonly CiFinding[], options: SarifOptions): string {
  const ruleIds = Object.keys(options.rules);
  const results = findings.map((finding) => {
    const logical = finding.construct ?? finding.address ?? (finding.key ? `${finding.account}/${finding.key}` : finding.account);
    const location = {
      ...(finding.location ? { physicalLocation: { artifactLocation: { uri: finding.location.file }, region: { startLine: finding.location.line } } } : {}),
      logicalLocations: [{ fullyQualifiedName: logical, kind: 'resource' }],
    };
    return {
      ruleId: finding.rule,
      ruleIndex: ruleIds.indexOf(finding.rule),
      level: level(finding),
      message: { text: finding.message },
      locations: [location],
      // Stable across runs, so code scanning tracks one alert instead of opening a new one per push.
      partialFingerprints: {
        'wardenFinding/v1': createHash('sha256')
          .update(`${finding.rule}\u0000${finding.account}\u0000${finding.key ?? finding.address ?? ''}\u0000${finding.message}`)
          .digest('hex')
          .slice(0, 32),
      },
      properties: { severity: finding.severity, account: finding.account, fails: Boolean(finding.fails), ...(finding.key ? { key: finding.key } : {}) },
    };
  });
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.tool,
            informationUri: 'https://github.com/wardenhq/warden',
            rules: ruleIds.map((id) => ({
              id,
              name: id.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
              shortDescription: { text: options.rules[id]!.summary },
              defaultConfiguration: { level: defaultLevel(options.rules[id]!.severity) },
              properties: { 'security-severity': SECURITY_SEVERITY[options.rules[id]!.severity], tags: ['security', 'credentials'] },
            })),
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return finish(JSON.stringify(log, null, 2));
}
