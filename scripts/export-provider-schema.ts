// `npm run generate:schema`: writes provider/generated/schema.json.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportProviderSchema } from '../provider/schema-export.ts';

const out = resolve(import.meta.dirname, '../provider/generated/schema.json');
writeFileSync(out, JSON.stringify(exportProviderSchema(), null, 2) + '\n');
process.stderr.write(`wrote ${out}\n`);
