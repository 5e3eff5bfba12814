/**
 * Whether the app can reach its server, told truthfully. `navigator.onLine` only says whether the
 * device has a network, not whether anything answers (one bar of signal, a hotel's login page, the
 * server down), so requests report their outcome here too: the sync code calls
 * reportNetworkFailure() when a request gets no answer and reportNetworkSuccess() when it gets any
 * answer; the service worker's update checks report the same way (see service-worker.ts).
 */
import { createStore, type Store } from './store.ts';

export type Connection = 'online' | 'no-network' | 'server-unreachable';

export interface ConnectionMonitor {
  store: Store<Connection>;
  reportNetworkFailure(): void;
  reportNetworkSuccess(): void;
  /** The browser's own online and offline events. */
  browserOnlineChanged(online: boolean): void;
}

/** Offline wins over a stale success; a failure holds until a request gets through again. */
export function createConnectionMonitor(browserOnline: boolean): ConnectionMonitor {
  let hasNetwork = browserOnline;
  let requestsFailing = false;
  const store = createStore<Connection>(browserOnline ? 'online' : 'no-network');
  const update = () => store.set(!hasNetwork ? 'no-network' : requestsFailing ? 'server-unreachable' : 'online');
  return {
    store,
    reportNetworkFailure() {
      requestsFailing = true;
      update();
    },
    reportNetworkSuccess() {
      requestsFailing = false;
      // An answer proves a network, whatever the browser last said.
      hasNetwork = true;
      update();
    },
    browserOnlineChanged(online) {
      hasNetwork = online;
      update();
    },
  };
}

const inBrowser = typeof window !== 'undefined';
const monitor = createConnectionMonitor(inBrowser ? navigator.onLine : true);
if (inBrowser) {
  window.addEventListener('online', () => monitor.browserOnlineChanged(true));
  window.addEventListener('offline', () => monitor.browserOnlineChanged(false));
}

export const connectionStore = monitor.store;

/** Call when a request to the server got no answer at all (not for an error status: that is an answer). */
export const reportNetworkFailure = () => monitor.reportNetworkFailure();

/** Call when a request to the server got any answer. */
export const reportNetworkSuccess = () => monitor.reportNetworkSuccess();

export const isOffline = () => connectionStore.get() !== 'online';
