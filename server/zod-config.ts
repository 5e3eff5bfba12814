/**
 * Imported first by the server (app.ts), before any schema is built: zod decides then whether
 * to compile its object parsers. The browser parses jitless because its CSP forbids
 * `new Function` (see src/domain/zod-config.ts); Node has no CSP, and the compiled parsers check
 * each submission several times faster, with the same results.
 */
import { z } from 'zod';

z.config({ jitless: false });
