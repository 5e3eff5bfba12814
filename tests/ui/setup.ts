import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// The first visit to a journey loads its chunk and the document, which takes a moment under jsdom.
configure({ asyncUtilTimeout: 5000 });
afterEach(cleanup);
