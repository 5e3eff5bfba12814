/**
 * Anything holding unsaved work registers a flush here, so that an app update (or any reload the
 * app itself starts) can save everything first. Reloading over unsaved work is the failure
 * practitioners remember most from other offline form tools.
 */
type Flush = () => Promise<void>;

const flushes = new Set<Flush>();

export function registerPendingSave(flush: Flush): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

/** Saves everything open now; rejects if any save fails, so the caller must not reload. */
export async function saveEverythingNow(): Promise<void> {
  await Promise.all([...flushes].map((flush) => flush()));
}

export const hasOpenWork = () => flushes.size > 0;
