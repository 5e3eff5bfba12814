import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { KeyringStatus } from '../../data/crypto/keyring.ts';
import type { Vault } from '../../data/crypto/vault.ts';
import type { DraftStore } from '../../data/draft-store.ts';
import { readStoredWork, type StoredWork } from '../../data/stored-work.ts';
import { saveEverythingNow } from '../../data/pending-saves.ts';

/**
 * The drafts store and the vault that opens it. The unwrapped key lives only in the Vault held
 * here, in memory: locking drops it, and a reload forgets it.
 *
 * Given a loader, the store (Dexie, the crypto, the schemas) loads only once something needs it:
 * a page calling useDrafts(), or drafts or referrals already on the device (counted without Dexie
 * by data/stored-work.ts). A quick check on a new device never loads it.
 */
interface DraftsValue {
  /** Undefined until something asks for it (useDrafts) and while its chunk loads. */
  store: DraftStore | undefined;
  /** What the device holds, counted without the store; undefined while counting or when given a store. */
  storedWork: StoredWork | undefined;
  /** Starts loading the store, once; useDrafts() calls it. */
  requestStore(): void;
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
  const [storeWanted, setStoreWanted] = useState(false);
  const [storedWork, setStoredWork] = useState<StoredWork>();
  const requestStore = useCallback(() => setStoreWanted(true), []);
  const lazy = typeof storeOrLoader === 'function';
  useEffect(() => {
    if (!lazy) return;
    let live = true;
    readStoredWork().then(
      (work) => {
        if (!live) return;
        setStoredWork(work);
        if (work.drafts || work.outbox) setStoreWanted(true);
      },
      // No IndexedDB (private browsing in some browsers): the store explains that when asked for.
      () => live && setStoreWanted(true),
    );
    return () => {
      live = false;
    };
  }, [lazy]);
  useEffect(() => {
    if (typeof storeOrLoader !== 'function' || !storeWanted) return;
    let live = true;
    void storeOrLoader().then((loaded) => live && setLoadedStore(loaded));
    return () => {
      live = false;
    };
  }, [storeOrLoader, storeWanted]);
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
      storedWork,
      requestStore,
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
    [store, storedWork, requestStore, vault, keyringStatus, refreshStatus],
  );
  return <DraftsContext value={value}>{children}</DraftsContext>;
}

/** The drafts store and vault; asks for the store to load, so use it only where drafts are shown or kept. */
export function useDrafts(): DraftsValue {
  const value = useDraftsIfLoaded();
  const { requestStore } = value;
  useEffect(requestStore, [requestStore]);
  return value;
}

/** The same, without loading the store: for the header's lock controls and the sync loop. */
export function useDraftsIfLoaded(): DraftsValue {
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
