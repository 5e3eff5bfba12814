import { useEffect, useSyncExternalStore } from 'react';
import { useLocation } from 'wouter';
import { connectionStore } from './connection.ts';
import { installStore, promptToInstall } from './install.ts';
import { PWA_MESSAGES } from './messages.ts';
import { startServiceWorker, updateController } from './service-worker.ts';
import type { Store } from './store.ts';
import type { UpdateState } from './update-controller.ts';
import './pwa.scss';

const useStore = <T,>(store: Store<T>) => useSyncExternalStore(store.subscribe, store.get, store.get);

/**
 * The app's own notices, at the top of every page: a new version to take, whether the app is
 * offline, and on the start page how to install it. Each notice is a status (polite, never an
 * alert) inside a live region that is always present, so screen readers announce it when it
 * appears; with nothing to say there is no status at all on the page.
 */
export function AppStatus() {
  const [location] = useLocation();
  useEffect(startServiceWorker, []);
  return (
    <div className="app-status">
      <div aria-live="polite">
        <UpdateNotice state={useStore(updateController.store)} />
      </div>
      <div aria-live="polite">
        <ConnectionNotice />
      </div>
      {location === '/' && <InstallOffer />}
    </div>
  );
}

function UpdateNotice({ state }: { state: UpdateState }) {
  const m = PWA_MESSAGES.update;
  const accept = () => void updateController.accept();
  switch (state.kind) {
    case 'none':
      return null;
    case 'waiting':
    case 'save-failed':
      return (
        <div className="app-banner" role="status">
          <p className="app-banner__text">
            <strong>{m.waiting}</strong> {state.kind === 'waiting' ? m.waitingHint : m.saveFailed(state.reason)}
          </p>
          <button type="button" className="govuk-button app-banner__button" onClick={accept}>
            {state.kind === 'waiting' ? m.accept : m.retry}
          </button>
        </div>
      );
    case 'updated-elsewhere':
      return (
        <div className="app-banner" role="status">
          <p className="app-banner__text">
            <strong>{m.elsewhere}</strong> {m.elsewhereHint}
          </p>
          <button type="button" className="govuk-button app-banner__button" onClick={accept}>
            {m.reload}
          </button>
        </div>
      );
    case 'saving':
    case 'reloading':
    case 'stalled':
      return (
        <div className="app-banner" role="status">
          <p className="app-banner__text">{state.kind === 'stalled' ? m.stalled : m[state.kind]}</p>
        </div>
      );
    case 'updated':
      return (
        <div className="app-banner app-banner--done" role="status">
          <p className="app-banner__text">
            {m.done(state.version)} {state.savedOpenWork && m.doneSaved}
          </p>
          <button
            type="button"
            className="govuk-button govuk-button--secondary app-banner__button"
            onClick={() => updateController.dismiss()}
          >
            {m.dismiss}
          </button>
        </div>
      );
  }
}

function ConnectionNotice() {
  const connection = useStore(connectionStore);
  if (connection === 'online') return null;
  const m = PWA_MESSAGES.connection;
  return (
    <p className="connection-notice" role="status">
      <strong className="connection-notice__tag">{m.title}</strong> {m.body}{' '}
      <span className="connection-notice__why">{connection === 'no-network' ? m.noNetwork : m.serverUnreachable}</span>
    </p>
  );
}

/**
 * Always the same closed line on the start page, whatever the browser offers and whenever it says
 * so: an offer appearing above the page would push the page down under a practitioner's finger.
 */
function InstallOffer() {
  const offer = useStore(installStore);
  const m = PWA_MESSAGES.install;
  if (offer.kind === 'installed') return null;
  const ios = offer.kind === 'ios-instructions';
  return (
    <details className="details install-offer">
      <summary className="details__summary">{ios ? m.iosSummary : m.summary}</summary>
      <div className="install-offer__body">
        {offer.kind === 'prompt' && (
          <>
            <p>{m.promptText}</p>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => void promptToInstall()}
            >
              {m.prompt}
            </button>
          </>
        )}
        {offer.kind === 'browser-menu' && <p>{m.browserMenu}</p>}
        {ios && (
          <>
            <p>{m.iosWhy}</p>
            <ol className="install-offer__steps">
              {m.iosSteps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
            <p>{m.iosSeparate}</p>
          </>
        )}
      </div>
    </details>
  );
}
