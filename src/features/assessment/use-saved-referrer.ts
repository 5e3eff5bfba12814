import { useCallback, useEffect, useState } from 'react';
import { useLoadedDrafts } from '../../ui/drafts/drafts-context.tsx';
import type { ReferrerDetails } from '../../data/referrer-details-store.ts';

/**
 * The referrer's details kept sealed on this device from their last referral, and a way to keep
 * new ones. Undefined until read, or when none are kept or the vault is locked.
 */
export function useSavedReferrer() {
  const { store, vault } = useLoadedDrafts();
  const [saved, setSaved] = useState<ReferrerDetails | undefined>(undefined);
  useEffect(() => {
    if (!vault || vault.isLocked) return;
    let current = true;
    store.referrerDetails.open(vault).then(
      (details) => current && setSaved(details),
      // Not being offered the last details loses nothing: the practitioner types them.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [store, vault]);
  const keep = useCallback(
    (details: ReferrerDetails) => {
      if (!vault || vault.isLocked) return;
      void store.referrerDetails.save(details, vault).catch(() => undefined);
    },
    [store, vault],
  );
  return { saved, keep };
}
