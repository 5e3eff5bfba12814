import { createContext, use, type ReactNode } from 'react';
import type { Draft } from '../../domain/assessment/draft.ts';

/**
 * Where the assessment journey keeps drafts. The screens only see this seam; the encrypted
 * Dexie store sits behind it in the app, and tests use the in-memory one.
 */
export interface DraftRepository {
  load(id: string): Promise<Draft | undefined>;
  save(draft: Draft): Promise<void>;
}

export function memoryDraftRepository(): DraftRepository {
  const drafts = new Map<string, Draft>();
  return {
    load: async (id) => structuredClone(drafts.get(id)),
    save: async (draft) => {
      drafts.set(draft.id, structuredClone(draft));
    },
  };
}

const DraftRepositoryContext = createContext<DraftRepository>(memoryDraftRepository());

export function DraftRepositoryProvider({
  repository,
  children,
}: {
  repository: DraftRepository;
  children: ReactNode;
}) {
  return <DraftRepositoryContext value={repository}>{children}</DraftRepositoryContext>;
}

export const useDraftRepository = () => use(DraftRepositoryContext);
