/**
 * Imported first by the app's main.tsx: zod 4 probes for
 * `new Function` to compile faster parsers, and that probe is a CSP violation under
 * `script-src 'self'` (reported in the browser, a console error and a Lighthouse deduction).
 * Jitless parsing gives the same results without the probe. (The server, with no CSP, compiles: server/zod-config.ts.)
 */
import { z } from 'zod';

z.config({ jitless: true });
