/**
 * How a draft's content and a queued submission are sealed before they reach IndexedDB. A draft's
 * content is sealed one section per ciphertext (referrer, concern, child, consent, indicators,
 * strengths, childVoice, tried, override), each padded JSON under a fresh IV. The associated data
 * binds each ciphertext to its section and to every plaintext field of its record (DraftHeader:
 * draft id, schema version, revision, status, rules version, timestamps…), so a section copied into
 * another draft or another section, an older ciphertext of the same section put back, an edited
 * plaintext field, or any altered byte, fails with DraftTamperedError.
 *
 * Seal formats (`sealVersion` on the record): absent for records written before the revision was
 * bound (associated data: schema version, id, section); 2 since (section and DraftHeader). Old records still open, and the
 * next save re-seals them in format 2. What no associated data can catch is a whole record (every
 * section and its plaintext fields together) replaced by an older copy of itself: that needs a
 * counter the attacker cannot roll back, which a device whose files they hold does not have.
 */
import type { DraftContent } from '../../domain/assessment/draft.ts';
import { DRAFT_SECTIONS, type DraftSection } from '../records.ts';
import { fromUtf8, paddedJson, utf8 } from './bytes.ts';
import { DraftTamperedError } from './errors.ts';
import { OpenFailedError, type SealedBox, type Vault } from './vault.ts';

export type SealedSections = Record<DraftSection, SealedBox>;

/** The seal format written today; see the header comment. */
export const SEAL_VERSION = 2;

/**
 * A sealed draft's plaintext fields (records.ts), every one of which is bound into the associated
 * data of every section: changing any of them (the status, the rules version the draft is pinned
 * to, the level so far, a timestamp…) makes the whole draft fail to open. The drafts list reads
 * them without the key, so it cannot check them; opening the draft does.
 */
export interface DraftHeader {
  id: string;
  schemaVersion: number;
  mode: string;
  status: string;
  documentId: string;
  documentVersion: string;
  step: string;
  field?: string | undefined;
  levelSoFar: number;
  ageBand: string | null;
  createdAt: string;
  updatedAt: string;
  revision: number;
  writeId: string;
  keyId: string;
}

/** In a fixed order, so that the same header always gives the same bytes. */
const headerValues = (h: DraftHeader) => [
  h.id,
  h.schemaVersion,
  h.mode,
  h.status,
  h.documentId,
  h.documentVersion,
  h.step,
  h.field ?? null,
  h.levelSoFar,
  h.ageBand,
  h.createdAt,
  h.updatedAt,
  h.revision,
  h.writeId,
  h.keyId,
];

/** `sealVersion` undefined is the format from before the revision and header were bound. */
function sectionAssociatedData(
  header: DraftHeader,
  sealVersion: number | undefined,
  section: DraftSection,
): Uint8Array<ArrayBuffer> {
  if (sealVersion === undefined) {
    return utf8(JSON.stringify(['levels-of-need:draft-section', header.schemaVersion, header.id, section]));
  }
  return utf8(JSON.stringify([`levels-of-need:draft-section:v${sealVersion}`, section, ...headerValues(header)]));
}

const submissionAssociatedData = (entryId: string, draftId: string, schemaVersion: number) =>
  utf8(JSON.stringify(['levels-of-need:submission', schemaVersion, entryId, draftId]));

/** Sections added after drafts were first sealed; every other section must be present. */
const SECTIONS_ADDED_LATER: ReadonlySet<DraftSection> = new Set(['family']);

/** Seals in today's format: the record must carry `sealVersion: SEAL_VERSION` beside `header`. */
export async function sealDraftContent(
  vault: Vault,
  header: DraftHeader,
  content: DraftContent,
): Promise<SealedSections> {
  const boxes = await Promise.all(
    DRAFT_SECTIONS.map((section) =>
      vault.seal(paddedJson(content[section]), sectionAssociatedData(header, SEAL_VERSION, section)),
    ),
  );
  return Object.fromEntries(DRAFT_SECTIONS.map((section, i) => [section, boxes[i]])) as SealedSections;
}

/** Returns the sections' JSON values, unvalidated: the caller passes them to `restoreDraft`. */
export async function openDraftContent(
  vault: Vault,
  header: DraftHeader,
  sealVersion: number | undefined,
  sealed: unknown,
): Promise<Record<DraftSection, unknown>> {
  const draftId = header.id;
  if (sealVersion !== undefined && sealVersion !== SEAL_VERSION) throw new DraftTamperedError(draftId);
  if (typeof sealed !== 'object' || sealed === null) throw new DraftTamperedError(draftId);
  const boxes = sealed as Partial<Record<string, SealedBox>>;
  const values = await Promise.all(
    DRAFT_SECTIONS.map(async (section) => {
      const box = boxes[section];
      // A draft sealed before a section existed has no box for it: it opens with the section empty.
      if (!box && SECTIONS_ADDED_LATER.has(section)) return undefined;
      if (!box) throw new DraftTamperedError(draftId);
      return parseOpened(() => vault.open(box, sectionAssociatedData(header, sealVersion, section)), draftId);
    }),
  );
  return Object.fromEntries(DRAFT_SECTIONS.map((section, i) => [section, values[i]])) as Record<DraftSection, unknown>;
}

export function sealSubmission(
  vault: Vault,
  entryId: string,
  draftId: string,
  schemaVersion: number,
  submission: unknown,
): Promise<SealedBox> {
  return vault.seal(paddedJson(submission), submissionAssociatedData(entryId, draftId, schemaVersion));
}

/** Returns the submission's JSON value, unvalidated. */
export function openSubmission(
  vault: Vault,
  entryId: string,
  draftId: string,
  schemaVersion: number,
  payload: SealedBox,
): Promise<unknown> {
  return parseOpened(() => vault.open(payload, submissionAssociatedData(entryId, draftId, schemaVersion)), draftId);
}

async function parseOpened(open: () => Promise<Uint8Array>, draftId: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await open();
  } catch (error) {
    if (error instanceof OpenFailedError) throw new DraftTamperedError(draftId);
    throw error;
  }
  try {
    return JSON.parse(fromUtf8(bytes)) as unknown;
  } catch {
    throw new DraftTamperedError(draftId);
  }
}
