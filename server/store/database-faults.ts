/**
 * Which database errors are the database's state rather than a bug, and what the server makes of
 * them (issue 14, points 3 and 4):
 *
 * - busy: another process holds SQLite's write lock past the short busy timeout, or PostgreSQL is
 *   out of connections or restarting. The request answers 503 with Retry-After (the device keeps
 *   the referral and tries again); health says "degraded" for a while.
 * - damaged: SQLite reports a corrupt file or an I/O error. From then on health answers 503 and
 *   nothing more is accepted: a referral must never be written where it cannot be read back.
 */

export type DatabaseFault = 'busy' | 'damaged';

const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)/;
const SQLITE_DAMAGED = /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN|FULL)/;
/** PostgreSQL: too many connections, shutting down or starting, lock timeout, deadlock, serialisation. */
const POSTGRES_BUSY = new Set(['53300', '57P01', '57P02', '57P03', '55P03', '40P01', '40001']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

export function databaseFault(error: unknown): DatabaseFault | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SQLITE_DAMAGED.test(code)) return 'damaged';
    if (SQLITE_BUSY.test(code) || POSTGRES_BUSY.has(code) || code.startsWith('08') || NETWORK_CODES.has(code)) {
      return 'busy';
    }
  }
  // pg's pool says this when every connection stays busy past connectionTimeoutMillis.
  if (/timeout exceeded when trying to connect|Connection terminated/i.test(error.message)) return 'busy';
  return undefined;
}

/** How long after the last busy answer health still says "degraded". */
const DEGRADED_FOR_MS = 30_000;

export type DatabaseState = 'ok' | 'degraded' | 'damaged';

/** Remembers the faults requests met, for health and for refusing writes to a damaged file. */
export class DatabaseMonitor {
  #lastBusyAt = -Infinity;
  #damaged = false;

  constructor(private readonly clock: () => number = Date.now) {}

  /** Notes an error a query threw; answers what kind of fault it was, if any. */
  note(error: unknown): DatabaseFault | undefined {
    const fault = databaseFault(error);
    if (fault === 'busy') this.#lastBusyAt = this.clock();
    if (fault === 'damaged') this.#damaged = true;
    return fault;
  }

  get state(): DatabaseState {
    if (this.#damaged) return 'damaged';
    return this.clock() - this.#lastBusyAt < DEGRADED_FOR_MS ? 'degraded' : 'ok';
  }
}
