import { catalogue, loadDocument } from 'virtual:thresholds';
import { describe, expect, it } from 'vitest';
import { thresholdsDocumentSchema } from '../../src/domain/thresholds/schema.ts';

describe('the documents compiled into the app at build time', () => {
  it('list every document folder with its summary only', () => {
    expect(catalogue.map((doc) => doc.id)).toEqual(['example-three-levels', 'st-helens']);
    expect(Object.keys(catalogue[0] ?? {}).sort()).toEqual([
      'ageBands',
      'area',
      'domains',
      'effectiveDate',
      'id',
      'retentionDays',
      'status',
      'title',
      'version',
    ]);
  });

  it('load each document as validated JSON', async () => {
    for (const { id } of catalogue) {
      const document = await loadDocument(id);
      expect(thresholdsDocumentSchema.parse(document).id).toBe(id);
    }
  });

  it('refuse a document the app does not ship, saying so', async () => {
    await expect(loadDocument('atlantis')).rejects.toThrow('No descriptions of need called "atlantis" ship with this version of the app.');
  });
});
