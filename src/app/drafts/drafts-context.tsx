import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { KeyringStatus } from '../../data/crypto/keyring.ts';
import type { Vault } from '../../data/crypto/vault.ts';
import type { DraftStore } from '../../data/draft-store.ts';
import { saveEverythingNow } from './pending-saves.ts';

/**
 * The drafts store and the vault that opens it. The unwrapped key lives only in the Vault held
 * here, in memory: locking drops it, and a reload forgets it.
 */
interface DraftsValue {
  /** Undefined for a moment while the store's chunk loads. */
  store: DraftStore | undefined;
  vault: Vault | null;
  keyringStatus: KeyringStatus | undefined;
  refreshStatus(): Promise<void>;
  setUp(passphrase: string): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  /** Saves open work, then drops the key. */
  lock(): Promise<void>;
}

const DraftsContext = createContext<DraftsValue | undefined>(undefined);

let returnToFieldAfterUnlock = false;

/** True once after an unlock: the step should put focus back on the field last used. */
export function consumeReturnToField(): boolean {
  const pending = returnToFieldAfterUnlock;
  returnToFieldAfterUnlock = false;
  return pending;
}

export function DraftsProvider({
  store: storeOrLoader,
  children,
}: {
  store: DraftStore | (() => Promise<DraftStore>);
  children: ReactNode;
}) {
  const [loadedStore, setLoadedStore] = useState<DraftStore>();
  useEffect(() => {
    if (typeof storeOrLoader !== 'function') return;
    let live = true;
    void storeOrLoader().then((loaded) => live && setLoadedStore(loaded));
    return () => {
      live = false;
    };
  }, [storeOrLoader]);
  const store = typeof storeOrLoader === 'function' ? loadedStore : storeOrLoader;
  const [vault, setVault] = useState<Vault | null>(null);
  const [keyringStatus, setKeyringStatus] = useState<KeyringStatus>();
  const refreshStatus = useCallback(async () => {
    if (store) setKeyringStatus(await store.keyring.status());
  }, [store]);
  useEffect(() => {
    if (!store) return;
    let live = true;
    void store.keyring.status().then((status) => live && setKeyringStatus(status));
    return () => {
      live = false;
    };
  }, [store]);
  useEffect(() => vault?.onLock(() => setVault(null)), [vault]);

  const value = useMemo<DraftsValue>(
    () => ({
      store,
      vault,
      keyringStatus,
      refreshStatus,
      setUp: async (passphrase) => {
        if (!store) return;
        setVault(await store.keyring.setUp(passphrase));
        await refreshStatus();
      },
      unlock: async (passphrase) => {
        if (!store) return;
        try {
          setVault(await store.keyring.unlock(passphrase));
          returnToFieldAfterUnlock = true;
        } finally {
          await refreshStatus();
        }
      },
      lock: async () => {
        await saveEverythingNow().catch(() => undefined);
        vault?.lock();
        setVault(null);
      },
    }),
    [store, vault, keyringStatus, refreshStatus],
  );
  return <DraftsContext value={value}>{children}</DraftsContext>;
}

export function useDrafts(): DraftsValue {
  const value = use(DraftsContext);
  if (!value) throw new Error('useDrafts needs a DraftsProvider');
  return value;
}

/** For pages that cannot work without the store: the store once loaded. */
export function useLoadedDrafts(): DraftsValue & { store: DraftStore } {
  const value = useDrafts();
  if (!value.store) throw new Error('useLoadedDrafts is only for pages behind PassphraseGate');
  return value as DraftsValue & { store: DraftStore };
}
