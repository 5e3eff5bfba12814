/**
 * The ceiling for a test that starts a process (tsx, the server, the admin or thresholds CLI) or
 * runs a Vite build. Each start costs 1–3 s on a quiet machine and several times that on a loaded
 * two-core one, where the default timeouts (5 s, 30 s for the server) failed them for no fault
 * of the code. A ceiling against hangs, not a timed assertion: speed is `npm run bench`'s job.
 */
export const SPAWNING_TEST_TIMEOUT_MS = 180_000;

/** For `describe(name, SPAWNS_PROCESSES, () => …)`. */
export const SPAWNS_PROCESSES = { timeout: SPAWNING_TEST_TIMEOUT_MS } as const;

/**
 * For `expect.poll` and `vi.waitFor`, whose one-second default turns "wait for the save" into
 * "the save takes under a second", which a loaded machine does not promise.
 */
export const WAIT_FOR_EVENT = { timeout: 15_000 } as const;
