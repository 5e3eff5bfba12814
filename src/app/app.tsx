import type { DocumentSummary } from '../domain/thresholds/catalogue.ts';
import { StartPage } from './start-page.tsx';

export interface AppProps {
  documents: readonly DocumentSummary[];
}

export function App({ documents }: AppProps) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="width-container">
          <span className="site-header__name">Levels of need</span>
        </div>
      </header>
      <main id="main" className="width-container" tabIndex={-1}>
        <StartPage documents={documents} />
      </main>
    </>
  );
}
