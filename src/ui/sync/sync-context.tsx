import { createContext, use, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Vault } from '../../data/crypto/vault.ts';
import type { EnrolmentStore } from '../../data/enrolment-store.ts';
import type { ApiClient } from '../../sync/api-client.ts';
import type { SyncOutbox } from '../../sync/outbox-processor.ts';
import type { OutboxSync, SyncState } from '../../sync/outbox-sync.ts';
import { useDraftsIfLoaded } from '../drafts/drafts-context.tsx';

/** What sending needs: the outbox, the enrolment, the API and, where the browser has one, a lock shared by tabs. */
export interface SyncBackend {
  outbox: SyncOutbox;
  enrolment: EnrolmentStore;
  api: Pick<ApiClient, 'submit' | 'enrol' | 'status'>;
  withLock?: <T>(task: () => Promise<T>) => Promise<T>;
  pollMs?: number;
}

interface SyncValue {
  /** Undefined while the backend loads, or when the app was started without one. */
  sync: OutboxSync | undefined;
  state: SyncState;
}

const EMPTY: SyncState = { entries: [], running: false };
const noSubscription = () => () => undefined;
const emptySnapshot = () => EMPTY;

const SyncContext = createContext<SyncValue>({ sync: undefined, state: EMPTY });

/**
 * Runs the outbox while the app is open (src/sync/outbox-sync.ts): from start, on `online` and
 * `visibilitychange`, on unlock, and on its timer. Sits inside DraftsProvider: sending needs the vault.
 * It starts once the drafts store has loaded (there are drafts or referrals on the device, or a page
 * that keeps them is open), so a device with nothing to send loads no sync code.
 */
export function SyncProvider({
  backend: backendOrLoader,
  children,
}: {
  backend?: SyncBackend | (() => Promise<SyncBackend>);
  children: ReactNode;
}) {
  const { vault, store } = useDraftsIfLoaded();
  const wanted = store !== undefined;
  const vaultRef = useRef<Vault | null>(vault);
  const [loadedBackend, setLoadedBackend] = useState<SyncBackend>();
  const [sync, setSync] = useState<OutboxSync>();

  useEffect(() => {
    if (typeof backendOrLoader !== 'function' || !wanted) return;
    let live = true;
    void backendOrLoader().then((loaded) => live && setLoadedBackend(loaded));
    return () => {
      live = false;
    };
  }, [backendOrLoader, wanted]);
  const backend = typeof backendOrLoader === 'function' ? loadedBackend : backendOrLoader;

  useEffect(() => {
    if (!backend || !wanted) return;
    let live = true;
    let stop: (() => void) | undefined;
    void import('../../sync/outbox-sync.ts').then(({ OutboxSync }) => {
      if (!live) return;
      const created = new OutboxSync({ ...backend, vault: () => vaultRef.current });
      const detach = created.attach(window, document);
      stop = () => {
        detach();
        created.stop();
      };
      setSync(created);
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [backend, wanted]);

  // At start, and whenever the app locks or unlocks: unlocking is what lets queued referrals go.
  useEffect(() => {
    vaultRef.current = vault;
    void sync?.run();
  }, [sync, vault]);

  const state = useSyncExternalStore(sync?.subscribe ?? noSubscription, sync?.getSnapshot ?? emptySnapshot);
  return <SyncContext value={{ sync, state }}>{children}</SyncContext>;
}

export function useSync(): SyncValue {
  return use(SyncContext);
}
