import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLoadedDrafts } from '../../ui/drafts/drafts-context.tsx';
import { registerPendingSave } from '../../data/pending-saves.ts';
import type { EditableDraft } from '../../data/draft-store.ts';
import { storageErrorMessage } from '../../data/storage-errors.ts';
import { decideLevel, type LevelDecision } from '../../domain/assessment/decision.ts';
import type { DraftContent } from '../../domain/assessment/draft.ts';
import { assessmentSteps, type Step } from '../../domain/assessment/steps.ts';
import { assess, type Assessment } from '../../domain/engine/assess.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';

/** A pause in typing this long saves; a step change, hiding the page or locking saves at once. */
export const AUTOSAVE_DELAY_MS = 500;
/**
 * Continuous typing never pauses, so a save also starts this long after the first unsaved change:
 * with the time to encrypt and commit, a killed tab loses at most about the last second.
 */
export const AUTOSAVE_MAX_WAIT_MS = 750;

export type SaveState =
  | { kind: 'saved'; at: string }
  /** `lastSavedAt`: the save before, whose sentence keeps the status line's height (save-status.tsx). */
  | { kind: 'saving'; lastSavedAt?: string }
  | { kind: 'failed'; summary: string; action: string }
  | { kind: 'read-only'; reason: string };

interface DraftSessionValue {
  draft: EditableDraft;
  document: ThresholdsDocument;
  steps: readonly Step[];
  assessment: Assessment | undefined;
  /** The level that leads every later screen: the practitioner's after an override, else the suggestion. */
  decision: LevelDecision | undefined;
  saveState: SaveState;
  update(change: (content: DraftContent) => DraftContent): void;
  /** Records the step (and field) the practitioner is on and saves at once. */
  enterStep(slug: string, field?: string): void;
  flush(): Promise<void>;
  /** Carries on from `saved`, a newer revision stored elsewhere (queuing it to send bumps its revision). */
  adopt(saved: EditableDraft): void;
}

/** "Saving…", remembering when the last save was, whatever the state before. */
function savingAfter(state: SaveState): SaveState {
  if (state.kind === 'saved') return { kind: 'saving', lastSavedAt: state.at };
  return { kind: 'saving', lastSavedAt: state.kind === 'saving' ? state.lastSavedAt : undefined };
}

const DraftSessionContext = createContext<DraftSessionValue | undefined>(undefined);

export function assessDraft(document: ThresholdsDocument, content: DraftContent): Assessment | undefined {
  const ageBand = content.concern.ageBand;
  return ageBand ? assess(document, { ageBand, indicators: content.indicators }) : undefined;
}

export function DraftSessionProvider({
  initial,
  document,
  readOnlyReason,
  children,
}: {
  initial: EditableDraft;
  document: ThresholdsDocument;
  /** Set when another tab has this draft open: nothing is saved from here. */
  readOnlyReason?: string;
  children: ReactNode;
}) {
  const { store, vault } = useLoadedDrafts();
  const [draft, setDraft] = useState(initial);
  const [saveState, setSaveState] = useState<SaveState>(
    readOnlyReason ? { kind: 'read-only', reason: readOnlyReason } : { kind: 'saved', at: initial.updatedAt },
  );
  const latest = useRef(draft);
  const revision = useRef(initial.revision);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const unsavedSince = useRef<number | undefined>(undefined);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const steps = useMemo(() => assessmentSteps(document), [document]);
  const assessment = useMemo(() => assessDraft(document, draft.content), [document, draft.content]);
  const override = draft.content.override;
  const decision = useMemo(
    () => (assessment ? decideLevel(document, assessment, override) : undefined),
    [document, assessment, override],
  );

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    unsavedSince.current = undefined;
    if (readOnlyReason || !dirty.current) return saving.current;
    dirty.current = false;
    // One save at a time, each based on the revision the last one returned.
    saving.current = saving.current.then(async () => {
      setSaveState(savingAfter);
      try {
        const saved = await store.save({ ...latest.current, revision: revision.current }, vault);
        revision.current = saved.revision;
        // A change typed while this save ran is not in it: "Saved at" waits for the save that has it.
        setSaveState(
          dirty.current ? { kind: 'saving', lastSavedAt: saved.updatedAt } : { kind: 'saved', at: saved.updatedAt },
        );
      } catch (error) {
        dirty.current = true;
        setSaveState({ kind: 'failed', ...storageErrorMessage(error) });
        throw error;
      }
    });
    return saving.current;
  }, [readOnlyReason, store, vault]);

  const change = useCallback(
    (next: (current: EditableDraft) => EditableDraft, saveNow: boolean) => {
      const updated = next(latest.current);
      if (updated === latest.current) return;
      latest.current = updated;
      dirty.current = true;
      setDraft(updated);
      // "Saved at" would be untrue from the first unsaved keystroke; a failure stays shown until a save works.
      setSaveState((state) => (state.kind === 'saved' ? savingAfter(state) : state));
      clearTimeout(timer.current);
      if (saveNow) {
        void flush().catch(() => undefined);
        return;
      }
      unsavedSince.current ??= Date.now();
      const untilMaxWait = AUTOSAVE_MAX_WAIT_MS - (Date.now() - unsavedSince.current);
      timer.current = setTimeout(
        () => void flush().catch(() => undefined),
        Math.max(0, Math.min(AUTOSAVE_DELAY_MS, untilMaxWait)),
      );
    },
    [flush],
  );

  const update = useCallback(
    (edit: (content: DraftContent) => DraftContent) =>
      change((current) => {
        const content = edit(current.content);
        const level = assessDraft(document, content)?.suggestedLevel ?? 1;
        return { ...current, content, levelSoFar: level };
      }, false),
    [change, document],
  );

  const enterStep = useCallback(
    (slug: string, field?: string) =>
      change(
        (current) => (current.step === slug && current.field === field ? current : { ...current, step: slug, field }),
        true,
      ),
    [change],
  );

  const adopt = useCallback((saved: EditableDraft) => {
    clearTimeout(timer.current);
    timer.current = undefined;
    dirty.current = false;
    latest.current = saved;
    revision.current = saved.revision;
    setDraft(saved);
    setSaveState({ kind: 'saved', at: saved.updatedAt });
  }, []);

  useEffect(() => {
    const unregister = registerPendingSave(flush);
    // Leaving the page, switching app or locking the tablet: save now, not in a second's time.
    const onHidden = () => {
      if (window.document.visibilityState === 'hidden') void flush().catch(() => undefined);
    };
    const onPageHide = () => void flush().catch(() => undefined);
    // Remember the field in use, so that unlocking returns the practitioner to it.
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      const isField =
        target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement;
      if (isField && target.id)
        change((current) => (current.field === target.id ? current : { ...current, field: target.id }), false);
    };
    window.document.addEventListener('focusin', onFocusIn);
    window.document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      unregister();
      window.document.removeEventListener('focusin', onFocusIn);
      window.document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
      void flush().catch(() => undefined);
    };
  }, [flush, change]);

  const value = useMemo(
    () => ({ draft, document, steps, assessment, decision, saveState, update, enterStep, flush, adopt }),
    [draft, document, steps, assessment, decision, saveState, update, enterStep, flush, adopt],
  );
  return <DraftSessionContext value={value}>{children}</DraftSessionContext>;
}

export function useDraftSession(): DraftSessionValue {
  const value = use(DraftSessionContext);
  if (!value) throw new Error('useDraftSession needs a DraftSessionProvider');
  return value;
}
