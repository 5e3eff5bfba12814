import { defineConfig } from '@playwright/test';

/**
 * Browser tests run in Debian's chromium (test tools cannot download browsers here), against the
 * built app served exactly as a council would serve it.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);
// The journeys choose between two areas, so the builds they test keep the fictional example
// (scripts/thresholds/vite-plugin.ts); a council's production build leaves it out.
process.env.LEVELS_OF_NEED_EXAMPLES ??= '1';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  // Two cores: one browser at a time keeps timings honest and the machine responsive.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  // Each journey sets the device it is about (phone or tablet); see tests/e2e/devices.ts.
  projects: [{ name: 'chromium' }],
  // The real intake server as it ships (compiled by `npm run build`, run by plain node), so every
  // journey runs under the production CSP and cache headers.
  webServer: {
    command: `npm run build && rm -rf test-results/e2e-data-${PORT} && PORT=${PORT} DATA_DIR=test-results/e2e-data-${PORT} node dist-server/server/main.js`,
    url: `http://127.0.0.1:${PORT}`,
    // Never reuse a server left running on the port: the tests would silently run against an old
    // build. A busy port fails the run with Playwright's own message instead.
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
