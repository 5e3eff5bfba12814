import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useDraftRepository } from '../../app/drafts/draft-repository.tsx';
import { registerPendingSave } from '../../app/drafts/pending-saves.ts';
import type { Draft, DraftContent } from '../../domain/assessment/draft.ts';
import { assessmentSteps, type Step } from '../../domain/assessment/steps.ts';
import { assess, type Assessment } from '../../domain/engine/assess.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';

/** Changes are saved within a second of the last keystroke, and at once when the step changes. */
export const AUTOSAVE_DELAY_MS = 800;

interface DraftSessionValue {
  draft: Draft;
  document: ThresholdsDocument;
  steps: readonly Step[];
  assessment: Assessment | undefined;
  update(change: (content: DraftContent) => DraftContent): void;
  /** Records the step the practitioner is on and saves at once. */
  enterStep(slug: string): void;
  flush(): Promise<void>;
}

const DraftSessionContext = createContext<DraftSessionValue | undefined>(undefined);

export function assessDraft(document: ThresholdsDocument, content: DraftContent): Assessment | undefined {
  const ageBand = content.concern.ageBand;
  return ageBand ? assess(document, { ageBand, indicators: content.indicators }) : undefined;
}

export function DraftSessionProvider({
  initial,
  document,
  children,
}: {
  initial: Draft;
  document: ThresholdsDocument;
  children: ReactNode;
}) {
  const repository = useDraftRepository();
  const [draft, setDraft] = useState(initial);
  const latest = useRef(draft);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const steps = useMemo(() => assessmentSteps(document), [document]);
  const assessment = useMemo(() => assessDraft(document, draft.content), [document, draft.content]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    await repository.save(latest.current);
  }, [repository]);

  const change = useCallback(
    (next: (current: Draft) => Draft, saveNow: boolean) => {
      const updated = next(latest.current);
      latest.current = updated;
      setDraft(updated);
      clearTimeout(timer.current);
      if (saveNow) void flush();
      else timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    },
    [flush],
  );

  const update = useCallback(
    (edit: (content: DraftContent) => DraftContent) =>
      change((current) => {
        const content = edit(current.content);
        const level = assessDraft(document, content)?.suggestedLevel ?? 1;
        return { ...current, content, levelSoFar: level, updatedAt: new Date().toISOString() };
      }, false),
    [change, document],
  );

  const enterStep = useCallback(
    (slug: string) => change((current) => (current.step === slug ? current : { ...current, step: slug }), true),
    [change],
  );

  useEffect(() => {
    const unregister = registerPendingSave(flush);
    return () => {
      unregister();
      void flush();
    };
  }, [flush]);

  const value = useMemo(
    () => ({ draft, document, steps, assessment, update, enterStep, flush }),
    [draft, document, steps, assessment, update, enterStep, flush],
  );
  return <DraftSessionContext value={value}>{children}</DraftSessionContext>;
}

export function useDraftSession(): DraftSessionValue {
  const value = use(DraftSessionContext);
  if (!value) throw new Error('useDraftSession needs a DraftSessionProvider');
  return value;
}
