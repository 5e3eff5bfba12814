import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_FILES, renderJsonSchema } from '../../scripts/json-schemas.ts';

describe('the editor JSON Schemas in thresholds/', () => {
  it.each(Object.keys(JSON_SCHEMA_FILES) as (keyof typeof JSON_SCHEMA_FILES)[])(
    '%s matches the zod schema (run `npm run schema:write` if not)',
    async (file) => {
      const committed = await readFile(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');
      expect(committed).toBe(renderJsonSchema(file));
    },
  );
});
