/**
 * The intake server's settings, read once from the environment at start-up and checked with zod,
 * so that a mistake stops the server with a sentence saying which variable to fix.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SQLITE_DRIVER } from './store/sqlite-driver.ts';

/**
 * The folder holding package.json, found by walking up: this file runs as `server/config.ts` in
 * development and as `dist-server/server/config.js` once built, and the defaults (`dist`,
 * `thresholds`, `data`) mean the same folders from both.
 */
function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) return start;
  }
}

const PROJECT_ROOT = findProjectRoot(fileURLToPath(new URL('.', import.meta.url)));

const whole = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be ${min} or more`)
    .max(max, `${name} must be ${max} or less`);

/** Empty variables count as unset: `PORT= npm start` means "the default", not "port zero". */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  PORT: z.preprocess(unsetIfEmpty, whole('PORT', 1, 65535).default(8080)),
  // Loopback by default: in production the server sits behind a TLS proxy; set HOST=0.0.0.0 in a container.
  HOST: z.preprocess(unsetIfEmpty, z.string().min(1).default('127.0.0.1')),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('data')),
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\/.+/,
        'DATABASE_URL must be a postgres:// URL; leave it unset to keep the data in SQLite under DATA_DIR',
      )
      .optional(),
  ),
  PG_POOL_MAX: z.preprocess(unsetIfEmpty, whole('PG_POOL_MAX', 1, 200).default(10)),
  STATIC_DIR: z.preprocess(unsetIfEmpty, z.string().default('dist')),
  THRESHOLDS_DIR: z.preprocess(unsetIfEmpty, z.string().default('thresholds')),
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent',
      })
      .default('info'),
  ),
  RATE_LIMIT_PER_MINUTE: z.preprocess(unsetIfEmpty, whole('RATE_LIMIT_PER_MINUTE', 1, 1_000_000).default(120)),
  ENROL_RATE_LIMIT_PER_MINUTE: z.preprocess(unsetIfEmpty, whole('ENROL_RATE_LIMIT_PER_MINUTE', 1, 10_000).default(20)),
  ENROLMENT_CODE_HOURS: z.preprocess(unsetIfEmpty, whole('ENROLMENT_CODE_HOURS', 1, 24 * 14).default(24)),
  REQUEST_TIMEOUT_SECONDS: z.preprocess(unsetIfEmpty, whole('REQUEST_TIMEOUT_SECONDS', 1, 600).default(30)),
  INBOX_CSRF_KEY: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .min(32, 'INBOX_CSRF_KEY must be 32 characters or more: make one with `openssl rand -base64 32`')
      .optional(),
  ),
  MAX_CONNECTIONS_PER_ADDRESS: z.preprocess(
    unsetIfEmpty,
    whole('MAX_CONNECTIONS_PER_ADDRESS', 0, 100_000).default(100),
  ),
  TRUST_PROXY: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(
        /^(true|false|\d+|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/,
        'TRUST_PROXY must be true, false, a number of proxy hops, or a comma-separated list of proxy addresses',
      )
      .default('false'),
  ),
});

export interface Config {
  port: number;
  host: string;
  /** Where the SQLite file lives; unused with PostgreSQL. */
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolMax: number };
  /** The built PWA (vite build); `null` (STATIC_DIR=none) serves the API alone. */
  staticDir: string | null;
  thresholdsDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  rateLimitPerMinute: number;
  enrolRateLimitPerMinute: number;
  enrolmentCodeHours: number;
  trustProxy: boolean | number | string;
  /** Headers and body must arrive within this; an idle socket is closed after it too. */
  requestTimeoutMs: number;
  /** Open sockets per client address (0: no cap). */
  maxConnectionsPerAddress: number;
  /** Binds the inbox's form tokens to sessions; the same on every app server (see requireInboxCsrfKey). */
  inboxCsrfKey: string | undefined;
}

export const SQLITE_FILE_NAME = 'levels-of-need.sqlite';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Reads the settings; throws `ConfigError` with one line per problem. Relative paths are from the project root. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = PROJECT_ROOT): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`The server's settings have problems to fix:\n${lines.join('\n')}`);
  }
  const settings = parsed.data;
  const dataDir = path.resolve(root, settings.DATA_DIR);
  return {
    port: settings.PORT,
    host: settings.HOST,
    dataDir,
    database: settings.DATABASE_URL
      ? { kind: 'postgres', url: settings.DATABASE_URL, poolMax: settings.PG_POOL_MAX }
      : { kind: 'sqlite', file: path.join(dataDir, SQLITE_FILE_NAME) },
    staticDir: settings.STATIC_DIR === 'none' ? null : path.resolve(root, settings.STATIC_DIR),
    thresholdsDir: path.resolve(root, settings.THRESHOLDS_DIR),
    logLevel: settings.LOG_LEVEL,
    rateLimitPerMinute: settings.RATE_LIMIT_PER_MINUTE,
    enrolRateLimitPerMinute: settings.ENROL_RATE_LIMIT_PER_MINUTE,
    enrolmentCodeHours: settings.ENROLMENT_CODE_HOURS,
    trustProxy: parseTrustProxy(settings.TRUST_PROXY),
    requestTimeoutMs: settings.REQUEST_TIMEOUT_SECONDS * 1000,
    maxConnectionsPerAddress: settings.MAX_CONNECTIONS_PER_ADDRESS,
    inboxCsrfKey: settings.INBOX_CSRF_KEY,
  };
}

/**
 * Before the server starts (not the admin commands, which print no forms): on PostgreSQL, where
 * several app servers may share the database behind a load balancer, they must share the key that
 * signs the inbox's forms, or a form printed by one is refused by another. On SQLite there is one
 * server, which makes a key of its own at start-up when none is set.
 */
export function requireInboxCsrfKey(config: Config): void {
  if (config.database.kind === 'postgres' && !config.inboxCsrfKey) {
    throw new ConfigError(
      "The server's settings have problems to fix:\n" +
        'INBOX_CSRF_KEY: INBOX_CSRF_KEY must be set with DATABASE_URL, the same on every app server: make one with `openssl rand -base64 32`',
    );
  }
}

/** A database URL fit to print: the password is never shown. */
export function describeDatabase(database: Config['database']): string {
  // Which driver runs depends on the Node.js line (sqlite-driver.ts): say it, for whoever reads the log.
  if (database.kind === 'sqlite') return `SQLite ${database.file} (through ${SQLITE_DRIVER})`;
  try {
    const url = new URL(database.url);
    if (url.password) url.password = '***';
    return `PostgreSQL ${url.toString()}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL could not be parsed)';
  }
}
