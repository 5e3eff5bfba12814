/**
 * The installable, offline app: service worker registration and updates, the connection status
 * and the install offer. Imports nothing from src/features.
 */
export { AppStatus } from './app-status.tsx';
export {
  connectionStore,
  isOffline,
  reportNetworkFailure,
  reportNetworkSuccess,
  type Connection,
} from './connection.ts';
