// The contract passes the Redocly rules in openapi/redocly.yaml, with no problem at all
// (warnings included): a lint warning today is a confusing generated type tomorrow.
import { loadConfig, lint } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';

describe('openapi/warden.yaml', () => {
  it('passes the lint rules in openapi/redocly.yaml', async () => {
    const config = await loadConfig({ configPath: 'openapi/redocly.yaml' });
    const problems = await lint({ ref: 'openapi/warden.yaml', config });
    const described = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
    expect(described, 'fix openapi/warden.yaml (or, with a reason, openapi/redocly.yaml)').toEqual([]);
  });
});
