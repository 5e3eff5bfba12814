/**
 * The `draftSummaries` store (database.ts, since v3): for each draft, a copy of its plaintext list
 * fields (records.ts) and nothing else, so the drafts list reads a few hundred bytes a draft
 * instead of every sealed section. Measured in Chromium at 4× CPU with 1,000 drafts, reading the
 * full records took 170–390 ms; that is the cost of deserialising the ciphertext.
 *
 * The copy is kept by a Dexie middleware, below every table call: any read-write transaction
 * that includes `drafts` also includes `draftSummaries`, and every write to `drafts` (add, put,
 * delete, clear, whoever makes it) writes the copy in the same transaction, so the two commit or
 * fail together and no code path can forget it.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';

export const DRAFTS_STORE = 'drafts';
export const DRAFT_SUMMARIES_STORE = 'draftSummaries';

/** The plaintext fields a summary keeps: everything the list shows or checks, and never `field` or content. */
const SUMMARY_FIELDS = [
  'id',
  'schemaVersion',
  'mode',
  'status',
  'documentId',
  'documentVersion',
  'step',
  'levelSoFar',
  'ageBand',
  'createdAt',
  'updatedAt',
  'revision',
] as const;

export type DraftSummaryRecord = Record<(typeof SUMMARY_FIELDS)[number], unknown>;

/** The summary copy of a stored draft record (untrusted: the list parses it like the record). */
export function summaryRecordOf(record: unknown): DraftSummaryRecord {
  const source = (record ?? {}) as Record<string, unknown>;
  return Object.fromEntries(SUMMARY_FIELDS.map((key) => [key, source[key]])) as DraftSummaryRecord;
}

function mirrored(request: DBCoreMutateRequest): DBCoreMutateRequest {
  switch (request.type) {
    case 'add':
    case 'put':
      return { type: 'put', trans: request.trans, values: request.values.map(summaryRecordOf) };
    case 'delete':
      return { type: 'delete', trans: request.trans, keys: request.keys };
    case 'deleteRange':
      return { type: 'deleteRange', trans: request.trans, range: request.range };
  }
}

function withSummaries(drafts: DBCoreTable, summaries: DBCoreTable): DBCoreTable {
  return {
    ...drafts,
    async mutate(request) {
      const response = await drafts.mutate(request);
      // A failed write to `drafts` aborts the transaction; the copy is written only after it succeeded.
      if (!response.numFailures) await summaries.mutate(mirrored(request));
      return response;
    },
  };
}

export const draftSummariesMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'draft-summaries',
  create(down) {
    // Dexie also builds this stack for a database still at an older version (while it upgrades it).
    if (!down.schema.tables.some((table) => table.name === DRAFT_SUMMARIES_STORE)) return down;
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.includes(DRAFTS_STORE) && !stores.includes(DRAFT_SUMMARIES_STORE)
            ? [...stores, DRAFT_SUMMARIES_STORE]
            : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return name === DRAFTS_STORE ? withSummaries(table, down.table(DRAFT_SUMMARIES_STORE)) : table;
      },
    };
  },
};
