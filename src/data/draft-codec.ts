/**
 * Turns a Draft into the record kept in the `drafts` store and back, for both DraftStore
 * implementations. A referral's content is sealed section by section (crypto/draft-sealing.ts);
 * a quick check's content is kept as it is, which is allowed only because the quick-check guard
 * below refuses anything that could identify a person. Only the plaintext fields listed in
 * records.ts sit beside the content. Stored records are parsed before use: they are untrusted.
 */
import { z } from 'zod';
import {
  DRAFT_MODES,
  DRAFT_SCHEMA_VERSION,
  DRAFT_STATUSES,
  draftSchema,
  emptyDraftContent,
  restoreDraft,
  type Draft,
  type DraftContent,
} from '../domain/assessment/draft.ts';
import type { ThresholdsDocument } from '../domain/thresholds/schema.ts';
import { openDraftContent, SEAL_VERSION, sealDraftContent } from './crypto/draft-sealing.ts';
import { DraftTamperedError, VaultLockedError } from './crypto/errors.ts';
import type { Vault } from './crypto/vault.ts';
import { DraftNotSavableError, QuickCheckIdentifyingDataError } from './errors.ts';
import type { DraftRecord, DraftSection } from './records.ts';

/** A draft as the UI holds it: the revision it was loaded at is the base of its next save. */
export type EditableDraft = Draft & { readonly revision: number };

/** What a new draft starts from. Defined here, not in draft-store.ts, so the codec never imports the store. */
export interface NewDraft {
  mode: 'quick-check' | 'referral';
  /** The rules document the draft begins with: archived on this device and pinned to the draft. */
  document: ThresholdsDocument;
  step: string;
  field?: string;
  levelSoFar?: number;
  content?: DraftContent;
}

const summarySchema = z.object({
  id: z.string().min(1),
  mode: z.enum(DRAFT_MODES),
  status: z.enum(DRAFT_STATUSES),
  ageBand: z.string().nullable(),
  levelSoFar: z.number().int(),
  step: z.string(),
  field: z.string().optional(),
  documentId: z.string(),
  documentVersion: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int().nonnegative(),
});

/** What the drafts list shows; readable without a passphrase and identifying no one. */
export type DraftSummary = Omit<z.infer<typeof summarySchema>, 'field' | 'schemaVersion'>;

/** Parses a stored record's plaintext fields; null if the record is damaged. */
export function readMetadata(record: unknown): (DraftSummary & { field?: string; schemaVersion: number }) | null {
  const parsed = summarySchema.safeParse(record);
  return parsed.success ? parsed.data : null;
}

export function summaryOf(record: unknown): DraftSummary | null {
  const metadata = readMetadata(record);
  if (!metadata) return null;
  const { field: _field, schemaVersion: _schemaVersion, ...summary } = metadata;
  return summary;
}

const filled = (value: unknown): boolean =>
  Array.isArray(value)
    ? value.length > 0
    : value !== null && typeof value === 'object'
      ? Object.values(value).some(filled)
      : value !== undefined && value !== '' && value !== null;

/** What a quick check may keep, by section and key ('*': the whole section). Everything else must be empty. */
const QUICK_CHECK_MAY_KEEP: Partial<Record<string, '*' | readonly string[]>> = {
  concern: ['ageBand'],
  indicators: '*',
  override: ['agrees', 'level'],
};

/**
 * The sections of `content` holding anything a quick check may not keep. An allow-list, so a
 * section added to the draft later counts as identifying until it is listed here.
 */
export function identifyingSections(content: DraftContent): DraftSection[] {
  return Object.entries(content)
    .filter(([section, value]) => {
      const allowed = QUICK_CHECK_MAY_KEEP[section];
      if (allowed === '*') return false;
      if (!allowed || typeof value !== 'object' || value === null || Array.isArray(value)) return filled(value);
      return Object.entries(value).some(([key, inner]) => !allowed.includes(key) && filled(inner));
    })
    .map(([section]) => section as DraftSection);
}

export interface Encoded {
  record: DraftRecord;
  /** The draft as it will load again (parsed: defaults filled, text trimmed). */
  draft: EditableDraft;
}

/** A new draft's first revision, pinned to `input.document`. */
export function encodeNewDraft(input: NewDraft, vault: Vault | null, now: Date): Promise<Encoded> {
  const at = now.toISOString();
  const draft: Draft = {
    id: crypto.randomUUID(),
    schemaVersion: DRAFT_SCHEMA_VERSION,
    mode: input.mode,
    status: 'in-progress',
    documentId: input.document.id,
    documentVersion: input.document.version,
    step: input.step,
    ...(input.field === undefined ? {} : { field: input.field }),
    levelSoFar: input.levelSoFar ?? 1,
    createdAt: at,
    updatedAt: at,
    content: input.content ?? emptyDraftContent(),
  };
  return encodeDraft(draft, 1, vault);
}

/** The next revision of an edited draft, stamped `now`. */
export function encodeSave(edited: EditableDraft, vault: Vault | null, now: Date): Promise<Encoded> {
  const { revision, ...draft } = edited;
  return encodeDraft({ ...draft, updatedAt: now.toISOString() }, revision + 1, vault);
}

/** Validates the draft (so that what is stored can always be reopened) and builds its record. */
async function encodeDraft(draft: Draft, revision: number, vault: Vault | null): Promise<Encoded> {
  const parsed = draftSchema.safeParse(draft);
  if (!parsed.success) {
    throw new DraftNotSavableError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`));
  }
  const { content, field, ...rest } = parsed.data;
  const base = {
    ...rest,
    ...(field === undefined ? {} : { field }),
    ageBand: content.concern.ageBand || null,
    revision,
    writeId: crypto.randomUUID(),
  };
  const stored = { ...parsed.data, revision };
  if (rest.mode === 'quick-check') {
    const identifying = identifyingSections(content);
    if (identifying.length) throw new QuickCheckIdentifyingDataError(identifying);
    return { record: { ...base, mode: 'quick-check', content }, draft: stored };
  }
  if (!vault || vault.isLocked) throw new VaultLockedError();
  const header = { ...base, mode: 'referral', keyId: vault.keyId } as const;
  const sealed = await sealDraftContent(vault, header, content);
  return {
    record: { ...header, sealVersion: SEAL_VERSION, sealed },
    draft: stored,
  };
}

/**
 * Opens a stored record: the one parse of what comes back from storage (restoreDraft). Throws
 * DraftTamperedError, VaultLockedError or the domain's DraftRestoreError.
 */
export async function decodeDraft(record: unknown, vault: Vault | null): Promise<EditableDraft> {
  const metadata = readMetadata(record);
  if (!metadata) throw new DraftTamperedError(idOf(record));
  const { ageBand: _ageBand, revision, ...fields } = metadata;
  const stored = record as Partial<Record<'content' | 'sealed' | 'keyId' | 'sealVersion' | 'writeId', unknown>>;
  let content: unknown;
  if (metadata.mode === 'quick-check') {
    if (stored.sealed !== undefined) throw new DraftTamperedError(metadata.id);
    content = stored.content;
  } else {
    if (!vault || vault.isLocked) throw new VaultLockedError();
    if (stored.keyId !== vault.keyId || stored.content !== undefined) throw new DraftTamperedError(metadata.id);
    const { sealVersion, writeId } = stored;
    if ((sealVersion !== undefined && typeof sealVersion !== 'number') || typeof writeId !== 'string') {
      throw new DraftTamperedError(metadata.id);
    }
    const header = { ...metadata, writeId, keyId: vault.keyId };
    content = await openDraftContent(vault, header, sealVersion, stored.sealed);
  }
  const draft = restoreDraft({ ...fields, content });
  // This app never writes a quick check that could identify anyone: such a record came from elsewhere.
  if (draft.mode === 'quick-check' && identifyingSections(draft.content).length) throw new DraftTamperedError(draft.id);
  return { ...draft, revision };
}

function idOf(record: unknown): string {
  const id = (record as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : 'unknown';
}
