/** Waits for an idle moment, but no longer than this once the page has loaded. */
const IDLE_TIMEOUT_MS = 3_000;

/**
 * Runs `task` after the page has loaded and the browser is idle: for work the first screen does
 * not need (registering the service worker, fetching the next page's code). Safari has no
 * requestIdleCallback, so there it is the next turn after `load`.
 */
export function whenIdle(task: () => void, timeoutMs = IDLE_TIMEOUT_MS): void {
  const idle = () => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => task(), { timeout: timeoutMs });
    else setTimeout(task, 0);
  };
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });
}
