/**
 * Errors from the drafts store that the UI shows (describeStorageError in storage-errors.ts turns
 * any of them into a sentence). They carry ids, revisions and field paths, never content.
 */
import { DATA_MESSAGES } from './messages.ts';
import type { DraftSection } from './records.ts';

/** The save was based on an older revision: another tab or window saved this draft in between. */
export class DraftConflictError extends Error {
  override readonly name = 'DraftConflictError';
  constructor(
    readonly id: string,
    readonly baseRevision: number,
    readonly currentRevision: number,
    readonly currentUpdatedAt: string,
  ) {
    super(DATA_MESSAGES.conflict.summary);
  }
}

export class DraftNotFoundError extends Error {
  override readonly name = 'DraftNotFoundError';
  constructor(readonly id: string) {
    super(DATA_MESSAGES.notFound.summary);
  }
}

/** The draft does not fit the draft schema, so it could not be reopened if saved. `issues` are paths and codes. */
export class DraftNotSavableError extends Error {
  override readonly name = 'DraftNotSavableError';
  constructor(readonly issues: readonly string[]) {
    super(DATA_MESSAGES.notSavable.summary);
  }
}

/** A quick check was given something that could identify a person. `sections` name where. */
export class QuickCheckIdentifyingDataError extends Error {
  override readonly name = 'QuickCheckIdentifyingDataError';
  constructor(readonly sections: readonly DraftSection[]) {
    super(DATA_MESSAGES.quickCheckIdentifying.summary);
  }
}

/** Another tab upgraded the database; this tab's connection is closed for good. Reload. */
export class AppUpdatedElsewhereError extends Error {
  override readonly name = 'AppUpdatedElsewhereError';
  constructor() {
    super(DATA_MESSAGES.appUpdatedElsewhere.summary);
  }
}
