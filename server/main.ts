/**
 * `npm start` (after `vite build`): reads the settings, opens the database, compiles the
 * descriptions of need, and serves the app and the API on one port. A problem at start-up is
 * one clear message on stderr and exit code 1, never a stack trace.
 */
import { buildApp } from './app.ts';
import { ConfigError, describeDatabase, loadConfig, requireInboxCsrfKey } from './config.ts';
import { DocumentsError, loadDocumentRegistry } from './documents.ts';
import { createLogger, safeError } from './http/logging.ts';
import { StaticDirError } from './http/static-app.ts';
import { DatabaseSetupError, openDatabase, type OpenDatabase } from './store/database.ts';

const SHUTDOWN_GRACE_MS = 10_000;

async function start() {
  const config = loadConfig();
  requireInboxCsrfKey(config);
  const logger = createLogger(config.logLevel);
  const documents = await loadDocumentRegistry(config.thresholdsDir);
  const database: OpenDatabase = await openDatabase(config.database);
  const app = await buildApp({ config, database, documents, logger }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  await app.listen({ port: config.port, host: config.host });

  const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
  const url = `http://${shownHost}:${config.port}`;
  logger.info({ url, database: database.dialect, documents: documents.list() }, 'listening');
  process.stderr.write(`Levels of need is running at ${url} (${describeDatabase(config.database)})\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    force.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

const EXPECTED = [ConfigError, DocumentsError, DatabaseSetupError, StaticDirError];

start().catch((error: unknown) => {
  if (EXPECTED.some((kind) => error instanceof kind)) {
    process.stderr.write(`${(error as Error).message}\n`);
  } else if ((error as { code?: string }).code === 'EADDRINUSE') {
    process.stderr.write('Another program is using that port: stop it, or set PORT to a free one.\n');
  } else {
    process.stderr.write(`The server could not start: ${safeError(error).message}\n`);
  }
  process.exit(1);
});
