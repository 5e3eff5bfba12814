/**
 * The editor's JSON Schemas for the writing group's YAML, generated from the zod schemas so that
 * they can never disagree. `npm run schema:write` rewrites them; a test fails when they are stale.
 */
import { z } from 'zod';
import { documentFileSchema, domainFileSchema } from '../src/domain/thresholds/schema.ts';
import { workedCaseSchema } from '../src/domain/thresholds/worked-case-schema.ts';

export const JSON_SCHEMA_FILES = {
  'thresholds/schema.json': { schema: documentFileSchema, title: 'Descriptions of need: document.yaml' },
  'thresholds/domain.schema.json': { schema: domainFileSchema, title: 'Descriptions of need: one domain file' },
  'thresholds/case.schema.json': { schema: workedCaseSchema, title: 'Descriptions of need: a worked example case' },
} as const;

export function renderJsonSchema(file: keyof typeof JSON_SCHEMA_FILES): string {
  const { schema, title } = JSON_SCHEMA_FILES[file];
  // "input" describes what authors write: fields with defaults are optional.
  const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ title, ...generated }, null, 2)}\n`;
}
