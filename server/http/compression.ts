/**
 * Brotli or gzip for every text response (the built app's files, the API's JSON, the inbox's
 * pages and CSV), chosen by the client's Accept-Encoding, with `Vary: Accept-Encoding` so caches
 * keep the variants apart. Brotli runs at quality 5, not its default 11: compressing a 300 KiB
 * script at 11 takes about half a second of CPU on every request, at 5 a few milliseconds for
 * nearly the same size. Small bodies (under 1 KiB) are sent as they are: the headers would cost more.
 */
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { constants } from 'node:zlib';

export const COMPRESSION_THRESHOLD_BYTES = 1024;

export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    // Flushed after every write: a streamed response (the CSV export) reaches the browser batch by
    // batch instead of waiting for the compressor's window to fill. The writes are 64 KiB or
    // more, so this costs next to nothing in size.
    brotliOptions: {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
      flush: constants.BROTLI_OPERATION_FLUSH,
    },
    zlibOptions: { level: 6, flush: constants.Z_SYNC_FLUSH },
  });
}
