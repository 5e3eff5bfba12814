import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { catalogue } from 'virtual:thresholds';
import { App } from './app/app.tsx';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page is missing its #root element.');

createRoot(root).render(
  <StrictMode>
    <App documents={catalogue} />
  </StrictMode>,
);
