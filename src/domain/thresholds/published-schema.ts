/**
 * A published version: the compiled document frozen as JSON in `thresholds/<id>/published/`, so
 * that drafts and referrals pinned to it keep working after the rules change. `contentHash` is
 * the SHA-256 of the document's canonical JSON (keys sorted, no spaces): `check` recomputes it,
 * so an edited published file is caught.
 */
import { z } from 'zod';
import { thresholdsDocumentSchema, versionSchema } from './schema.ts';

export const CONTENT_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

export const publishedVersionSchema = z.strictObject({
  version: versionSchema,
  publishedAt: z.iso.datetime({ error: 'publishedAt must be a date and time like 2026-11-30T01:00:00Z' }),
  contentHash: z.string().regex(CONTENT_HASH_PATTERN, 'contentHash must be "sha256:" followed by 64 hexadecimal digits'),
  document: thresholdsDocumentSchema,
});

export type PublishedVersion = z.infer<typeof publishedVersionSchema>;

/** JSON with every object's keys sorted and no spaces: the same document always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
