// Checks shared by the CI-format tests: SARIF against the published SARIF 2.1.0 JSON
// Schema (shipped by @microsoft/jest-sarif, draft-04, hence ajv-draft-04), JUnit XML
// through a real XML parser, and the JSON output against review/review.schema.json.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvDraft04Module from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

const sarifSchema = JSON.parse(
  readFileSync(join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);
// ajv-draft-04 is CommonJS with a default export; seen from ESM the class may sit on .default.
const AjvDraft04 = ((ajvDraft04Module as unknown as { default?: unknown }).default ?? ajvDraft04Module) as typeof Ajv2020;
const sarifValidate = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(sarifSchema);

/** Schema errors of a SARIF log (empty when valid). */
export function sarifErrors(log: unknown): string[] {
  return sarifValidate(log) ? [] : (sarifValidate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const reviewValidate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(root, 'review/review.schema.json'), 'utf8')));

export function reviewJsonErrors(output: unknown): string[] {
  return reviewValidate(output) ? [] : (reviewValidate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export interface JunitCase {
  classname: string;
  name: string;
  file?: string;
  line?: string;
  failure?: { type: string; message: string };
  skipped?: { message: string };
}

/** Parses JUnit XML with a real parser; throws when the XML is not well-formed. */
export function parseJunit(xml: string): { suites: { name: string; tests: number; failures: number; skipped: number }; cases: JunitCase[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  }
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'testsuite' }).parse(xml);
  const suite = doc.testsuites.testsuite[0];
  const cases = (suite.testcase ?? []) as JunitCase[];
  return {
    suites: {
      name: doc.testsuites.name,
      tests: Number(doc.testsuites.tests),
      failures: Number(doc.testsuites.failures),
      skipped: Number(doc.testsuites.skipped),
    },
    cases,
  };
}
