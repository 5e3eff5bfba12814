import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_FILES, renderJsonSchema } from './json-schemas.ts';

for (const file of Object.keys(JSON_SCHEMA_FILES) as (keyof typeof JSON_SCHEMA_FILES)[]) {
  await writeFile(fileURLToPath(new URL(`../${file}`, import.meta.url)), renderJsonSchema(file));
  process.stderr.write(`wrote ${file}\n`);
}
