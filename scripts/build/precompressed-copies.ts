/**
 * Every text file of a build also as .br and .gz, at the best ratios: too slow to make per request,
 * free once at build. The server sends these copies as they are (`preCompressed` in
 * server/http/static-app.ts) instead of compressing each script on every request. The bench's bare
 * React page is built with the same plugin, so that both are served alike.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/** Below this a compressed copy saves less than its headers cost (the server's threshold too). */
const SMALLEST_FILE_BYTES = 1024;

const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } };
const GZIP_OPTIONS = { level: constants.Z_BEST_COMPRESSION };

/** The copies of a file changed after the plugin made them (quick-check-chunks.ts), made the same way. */
export function compressedCopies(code: Buffer): { br: Buffer; gz: Buffer } {
  return { br: brotliCompressSync(code, BROTLI_OPTIONS), gz: gzipSync(code, GZIP_OPTIONS) };
}

export function precompressedCopies(): Plugin {
  return compression({
    algorithms: [defineAlgorithm('brotliCompress', BROTLI_OPTIONS), defineAlgorithm('gzip', GZIP_OPTIONS)],
    threshold: SMALLEST_FILE_BYTES,
    logLevel: 'silent',
  });
}
