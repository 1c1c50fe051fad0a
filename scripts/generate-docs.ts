// `npm run generate:docs`: Terraform Registry-layout docs (docs/index.md, docs/resources,
// docs/data-sources, docs/ephemeral-resources) from the provider's schema declarations
// plus the HCL under examples/terraform. A test fails when docs/ is stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Attribute, Schema } from '../provider/framework/schema.ts';
import type { TfType } from '../provider/framework/values.ts';
import { wardenProvider } from '../provider/warden-provider.ts';
import { WARDEN_VERSION } from '../sdk/generated/version.ts';

const root = resolve(import.meta.dirname, '..');

function typeName(type: TfType): string {
  if (typeof type === 'string') {
    return type;
  }
  if ('object' in type) {
    return 'object';
  }
  if ('tuple' in type) {
    return `tuple(${type.tuple.map(typeName).join(', ')})`;
  }
  const [kind, inner] = 'list' in type ? ['list', type.list] : 'set' in type ? ['set', type.set] : ['map', type.map];
  return `${kind}(${typeName(inner)})`;
}

// Lists of objects in data sources mirror a resource's attributes; their fields are
// described by that resource's schema, plus the few fields only the list carries.
const NESTED_SOURCE: Record<string, string> = { keys: 'warden_api_key', service_accounts: 'warden_service_account', roles: 'warden_role' };
const LIST_ONLY_FIELDS: Record<string, string> = {
  revoked_at: 'When the key was or will be revoked (RFC 3339; in the future during a grace period); null if never.',
  last_used_at: 'When the key last authenticated a request (RFC 3339); null if never used.',
  builtin: 'True for the built-in roles (admin, member, snapshotter, reader), which cannot be changed.',
  active_key_count: 'How many of its keys are active.',
};

/** The object type of a list(object)/set(object) attribute, if it is one. */
function nestedObject(a: Attribute): Record<string, TfType> | undefined {
  const type = a.type;
  if (typeof type === 'string') return undefined;
  const inner = 'list' in type ? type.list : 'set' in type ? type.set : undefined;
  return inner && typeof inner !== 'string' && 'object' in inner ? inner.object : undefined;
}

function nestedSection(name: string, fields: Record<string, TfType>): string {
  const source = wardenProvider.resources[NESTED_SOURCE[name] ?? '']?.schema.attributes ?? {};
  const lines = Object.keys(fields)
    .sort()
    .map((field) => {
      const description = LIST_ONLY_FIELDS[field] ?? source[field]?.description;
      if (!description) {
        throw new Error(`generate-docs: no description for ${name}.${field}; add it to LIST_ONLY_FIELDS or NESTED_SOURCE`);
      }
      return `- \`${field}\` (${typeName(fields[field]!)}) ${description}`;
    });
  return `<a id="nestedatt--${name}"></a>\n### Nested Schema for \`${name}\`\n\nRead-Only:\n\n${lines.join('\n')}\n`;
}

function attributeLine(name: string, a: Attribute): string {
  const flags = [
    typeName(a.type),
    a.sensitive ? 'sensitive' : '',
    a.writeOnly ? 'write-only' : '',
    a.requiresReplace ? 'forces replacement' : '',
    a.default !== undefined ? `default ${JSON.stringify(a.default)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const nested = nestedObject(a) ? ` (see [below for nested schema](#nestedatt--${name}))` : '';
  return `- \`${name}\` (${flags}) ${a.description}${nested}`;
}

function schemaSection(schema: Schema): string {
  const groups: [string, (a: Attribute) => boolean][] = [
    ['Required', (a) => Boolean(a.required)],
    ['Optional', (a) => Boolean(a.optional)],
    ['Read-Only', (a) => Boolean(a.computed) && !a.optional && !a.required],
  ];
  const nested = Object.entries(schema.attributes).flatMap(([n, a]) => {
    const fields = nestedObject(a);
    return fields ? [nestedSection(n, fields)] : [];
  });
  return [
    ...groups.map(([title, match]) => {
      const lines = Object.entries(schema.attributes)
        .filter(([, a]) => match(a))
        .map(([n, a]) => attributeLine(n, a));
      return lines.length ? `### ${title}\n\n${lines.join('\n')}\n` : '';
    }),
    ...nested,
  ]
    .filter(Boolean)
    .join('\n');
}

function example(path: string, lang: 'terraform' | 'shell'): string | undefined {
  const file = join(root, 'examples/terraform', path);
  return existsSync(file) ? `\`\`\`${lang}\n${readFileSync(file, 'utf8').trimEnd()}\n\`\`\`\n` : undefined;
}

function page(kind: string, type: string, schema: Schema, exampleFile: string): string {
  const parts = [`# ${type} (${kind})\n`, `${schema.description}\n`];
  const usage = example(exampleFile, 'terraform');
  if (usage) {
    parts.push(`## Example Usage\n\n${usage}`);
  }
  parts.push(`## Schema\n\n${schemaSection(schema)}`);
  const importText = example(`resources/${type}/import.sh`, 'shell');
  if (kind === 'Resource' && importText) {
    parts.push(`## Import\n\nImport blocks (\`import { to = …, id = "…" }\`) and \`terraform import\` take the same id.\n\n${importText}`);
  }
  return parts.join('\n');
}

export function renderDocs(): Record<string, string> {
  const out: Record<string, string> = {};
  const short = (type: string) => type.replace(/^warden_/, '');
  out['index.md'] = [
    '# Warden Provider\n',
    `${wardenProvider.schema.description} Generated from the provider schema by \`npm run generate:docs\`.\n`,
    '## Example Usage\n',
    `\`\`\`terraform\nterraform {\n  required_providers {\n    warden = { source = "wardenhq/warden", version = "~> ${WARDEN_VERSION.split('.').slice(0, 2).join('.')}" }\n  }\n}\n\n# Reads WARDEN_ENDPOINT, WARDEN_API_KEY and WARDEN_ORG.\nprovider "warden" {}\n\`\`\`\n`,
    'Installing the provider: `warden provider install --from terraform-provider-warden_<version>_<os>_<arch>.zip` lays a release zip out as a filesystem mirror and writes a CLI config; or serve the network mirror that `npm run release` writes. Inside the repository, `npm install` builds it into `dist/terraform` (`export TF_CLI_CONFIG_FILE=$PWD/dist/terraform/terraform.rc`).\n',
    `## Schema\n\n${schemaSection(wardenProvider.schema)}`,
    '## Resources\n',
    ...Object.keys(wardenProvider.resources).map((t) => `- [${t}](resources/${short(t)}.md)`),
    '\n## Data Sources\n',
    ...Object.keys(wardenProvider.dataSources).map((t) => `- [${t}](data-sources/${short(t)}.md)`),
    '\n## Ephemeral Resources\n',
    ...Object.keys(wardenProvider.ephemeralResources ?? {}).map((t) => `- [${t}](ephemeral-resources/${short(t)}.md)`),
    '',
  ].join('\n');
  for (const [type, def] of Object.entries(wardenProvider.resources)) {
    out[`resources/${short(type)}.md`] = page('Resource', type, def.schema, `resources/${type}/resource.tf`);
  }
  for (const [type, def] of Object.entries(wardenProvider.dataSources)) {
    out[`data-sources/${short(type)}.md`] = page('Data Source', type, def.schema, `data-sources/${type}/data-source.tf`);
  }
  for (const [type, def] of Object.entries(wardenProvider.ephemeralResources ?? {})) {
    out[`ephemeral-resources/${short(type)}.md`] = page('Ephemeral Resource', type, def.schema, `ephemeral-resources/${type}/ephemeral-resource.tf`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [file, text] of Object.entries(renderDocs())) {
    const path = join(root, 'docs', file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  process.stderr.write('docs written under docs/\n');
}
