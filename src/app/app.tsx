import { lazy, Suspense } from 'react';
import { Route, Router, Switch, type BaseLocationHook } from 'wouter';
import type { DocumentSummary } from '../domain/thresholds/catalogue.ts';
import { StartPage } from '../features/start/start-page.tsx';
import { Loading } from './components/loading.tsx';
import { Page } from './components/page.tsx';
import { DocumentsProvider } from './documents/documents-context.tsx';

// Each journey is its own chunk, so the start page stays small on a slow connection.
const QuickCheckFeature = lazy(() => import('../features/quick-check/index.tsx'));
const AssessmentFeature = lazy(() => import('../features/assessment/index.tsx'));
const BrowseFeature = lazy(() => import('../features/browse/index.tsx'));
const ChooseAreaPage = lazy(() => import('../features/start/choose-area-page.tsx'));

export interface AppProps {
  documents: readonly DocumentSummary[];
  /** For tests: wouter's memory location instead of the browser's address bar. */
  locationHook?: BaseLocationHook;
}

export function App({ documents, locationHook }: AppProps) {
  return (
    <DocumentsProvider catalogue={documents}>
      <Router hook={locationHook}>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <div className="width-container">
            <a className="site-header__name" href="/">
              Levels of need
            </a>
          </div>
        </header>
        <main id="main" className="width-container" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Switch>
              <Route path="/">
                <StartPage />
              </Route>
              <Route path="/choose-area">
                <ChooseAreaPage />
              </Route>
              <Route path="/quick-check" nest>
                <QuickCheckFeature />
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
    </DocumentsProvider>
  );
}
