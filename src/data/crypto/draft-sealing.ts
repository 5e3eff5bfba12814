/**
 * How a draft's content and a queued submission are sealed before they reach IndexedDB. A draft's
 * content is sealed one section per ciphertext (referrer, concern, child, consent, indicators,
 * strengths, childVoice, tried, override), each padded JSON under a fresh IV. The associated data
 * binds each ciphertext to its draft id, its section and the draft schema version, so a section
 * copied into another draft or another section, or any altered byte, fails with DraftTamperedError.
 */
import type { DraftContent } from '../../domain/assessment/draft.ts';
import { DRAFT_SECTIONS, type DraftSection } from '../records.ts';
import { fromUtf8, paddedJson, utf8 } from './bytes.ts';
import { DraftTamperedError } from './errors.ts';
import { OpenFailedError, type SealedBox, type Vault } from './vault.ts';

export type SealedSections = Record<DraftSection, SealedBox>;

const sectionAssociatedData = (draftId: string, schemaVersion: number, section: DraftSection) =>
  utf8(JSON.stringify(['levels-of-need:draft-section', schemaVersion, draftId, section]));

const submissionAssociatedData = (entryId: string, draftId: string, schemaVersion: number) =>
  utf8(JSON.stringify(['levels-of-need:submission', schemaVersion, entryId, draftId]));

export async function sealDraftContent(
  vault: Vault,
  draftId: string,
  schemaVersion: number,
  content: DraftContent,
): Promise<SealedSections> {
  const boxes = await Promise.all(
    DRAFT_SECTIONS.map((section) =>
      vault.seal(paddedJson(content[section]), sectionAssociatedData(draftId, schemaVersion, section)),
    ),
  );
  return Object.fromEntries(DRAFT_SECTIONS.map((section, i) => [section, boxes[i]])) as SealedSections;
}

/** Returns the sections' JSON values, unvalidated: the caller passes them to `restoreDraft`. */
export async function openDraftContent(
  vault: Vault,
  draftId: string,
  schemaVersion: number,
  sealed: unknown,
): Promise<Record<DraftSection, unknown>> {
  if (typeof sealed !== 'object' || sealed === null) throw new DraftTamperedError(draftId);
  const boxes = sealed as Partial<Record<string, SealedBox>>;
  const values = await Promise.all(
    DRAFT_SECTIONS.map(async (section) => {
      const box = boxes[section];
      if (!box) throw new DraftTamperedError(draftId);
      return parseOpened(() => vault.open(box, sectionAssociatedData(draftId, schemaVersion, section)), draftId);
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
