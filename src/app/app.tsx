import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Route, Router, Switch, type BaseLocationHook } from 'wouter';
import type { DraftStore } from '../data/draft-store.ts';
import type { DocumentSummary } from '../domain/thresholds/catalogue.ts';
import { IdleLock } from '../features/drafts/idle-lock.tsx';
import { LockButton } from '../features/drafts/lock-button.tsx';
import { loadedQuickCheckFeature, loadQuickCheckFeature } from '../features/start/preload-quick-check.ts';
import { StartPage } from '../features/start/start-page.tsx';
import { AppStatus } from '../pwa/app-status.tsx';
import { Loading } from '../ui/components/loading.tsx';
import { Page, Visit } from '../ui/components/page.tsx';
import { DocumentsProvider, preloadThresholdsDocument, useDocuments } from '../ui/documents/documents-context.tsx';
import { DraftsProvider, useDraftsIfLoaded } from '../ui/drafts/drafts-context.tsx';
import { SyncProvider, type SyncBackend } from '../ui/sync/sync-context.tsx';

// Each journey is its own chunk, so the start page stays small on a slow connection.
const QuickCheckFeature = lazy(loadQuickCheckFeature);
const AssessmentFeature = lazy(() => import('../features/assessment/index.tsx'));
const BrowseFeature = lazy(() => import('../features/browse/index.tsx'));
const ChooseAreaPage = lazy(() => import('../features/start/choose-area-page.tsx'));
const SettingsPage = lazy(() => import('../features/drafts/settings-page.tsx'));
const ForgottenPassphrasePage = lazy(() => import('../features/drafts/forgotten-passphrase-page.tsx'));

export interface AppProps {
  documents: readonly DocumentSummary[];
  /** The store, or a loader for it (the app loads it as its own chunk). */
  draftStore: DraftStore | (() => Promise<DraftStore>);
  /** Sending to the front door: the backend, or a loader for it. Without it nothing is sent. */
  sync?: SyncBackend | (() => Promise<SyncBackend>);
  /** For tests: wouter's memory location instead of the browser's address bar. */
  locationHook?: BaseLocationHook;
}

export function App(props: AppProps) {
  return (
    <Visit>
      <AppRoutes {...props} />
    </Visit>
  );
}

function AppRoutes({ documents, draftStore, sync, locationHook }: AppProps) {
  return (
    <DocumentsProvider catalogue={documents}>
      <DraftsProvider store={draftStore}>
        <SyncProvider backend={sync}>
          <Router hook={locationHook}>
            <a className="govuk-skip-link" href="#main">
              Skip to main content
            </a>
            <header className="app-header">
              <div className="govuk-width-container app-header__inner">
                <a className="app-header__name" href="/">
                  Levels of need
                </a>
                <nav className="app-header__nav" aria-label="Service">
                  <a className="app-header__link" href="/settings">
                    Settings
                  </a>
                  <WhenUnlocked>
                    <LockButton />
                  </WhenUnlocked>
                </nav>
              </div>
            </header>
            <WhenUnlocked>
              <IdleLock />
            </WhenUnlocked>
            <main id="main" className="govuk-width-container" tabIndex={-1}>
              <AppStatus />
              <Suspense fallback={<Loading />}>
                <Switch>
                  <Route path="/">
                    <StartPage />
                  </Route>
                  <Route path="/choose-area">
                    <ChooseAreaPage />
                  </Route>
                  <Route path="/settings">
                    <SettingsPage />
                  </Route>
                  <Route path="/forgotten-passphrase">
                    <ForgottenPassphrasePage />
                  </Route>
                  <Route path="/quick-check" nest>
                    <QuickCheckRoute />
                  </Route>
                  <Route path="/assessment" nest>
                    <AssessmentFeature />
                  </Route>
                  <Route path="/browse" nest>
                    <BrowseFeature />
                  </Route>
                  <Route>
                    <Page title="Page not found">
                      <p>
                        If you typed the web address, check it is correct. <a href="/">Go to the start page</a>.
                      </p>
                    </Page>
                  </Route>
                </Switch>
              </Suspense>
            </main>
          </Router>
        </SyncProvider>
      </DraftsProvider>
    </DocumentsProvider>
  );
}

/** The lock controls exist only while the vault is open, so a locked or new device loads no drafts code for them. */
function WhenUnlocked({ children }: { children: ReactNode }) {
  return useDraftsIfLoaded().vault ? children : null;
}

/**
 * The quick check's code and its document load side by side, not one after the other; once
 * prefetched, the component renders without suspending. Chosen once per visit to the route, so the
 * quick check's state never remounts.
 */
function QuickCheckRoute() {
  const { chosen } = useDocuments();
  if (chosen) preloadThresholdsDocument(chosen.id);
  const [Prefetched] = useState(loadedQuickCheckFeature);
  return Prefetched ? <Prefetched /> : <QuickCheckFeature />;
}
