// First: zod must not probe `new Function` under the CSP (see domain/zod-config.ts).
import './domain/zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { catalogue } from 'virtual:thresholds';
import { App } from './app/app.tsx';
import './ui/styles/app.scss';

const root = document.getElementById('root');
if (!root) throw new Error('The page is missing its #root element.');

const loadDraftStore = () => import('./app/create-draft-store.ts').then((module) => module.createDraftStore());
const loadSync = () => import('./app/create-sync-backend.ts').then((module) => module.createSyncBackend());

createRoot(root).render(
  <StrictMode>
    <App documents={catalogue} draftStore={loadDraftStore} sync={loadSync} />
  </StrictMode>,
);
