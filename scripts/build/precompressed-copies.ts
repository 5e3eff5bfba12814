/**
 * Every text file of a build also as .br and .gz, at the best ratios: too slow to make per request,
 * free once at build. The server sends these copies as they are (`preCompressed` in
 * server/http/static-app.ts) instead of compressing each script on every request. The bench's bare
 * React page is built with the same plugin, so that both are served alike.
 */
import { constants } from 'node:zlib';
import type { Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/** Below this a compressed copy saves less than its headers cost (the server's threshold too). */
const SMALLEST_FILE_BYTES = 1024;

export function precompressedCopies(): Plugin {
  return compression({
    algorithms: [
      defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
      defineAlgorithm('gzip', { level: constants.Z_BEST_COMPRESSION }),
    ],
    threshold: SMALLEST_FILE_BYTES,
    logLevel: 'silent',
  });
}
