#!/usr/bin/env node
/**
 * Proves that the built repository deploys as the README says, from a clean copy: the tracked
 * files plus dist/ and dist-server/, no node_modules; `npm ci --omit=dev` with no engine warning;
 * `npm run serve` on a free port with a throwaway SQLite database answers the health check, the
 * app's index (and its script) and the inbox's sign-in page; `npm run admin:production` reads the
 * same database; SIGTERM stops it. Plain JavaScript so that plain `node` runs it, on any version.
 *
 *   npm run build && node scripts/ci/production-smoke.mjs [--native-addon-from <node_modules>] [--keep]
 *
 * --native-addon-from installs with --ignore-scripts and copies better-sqlite3's compiled addon
 * from another install of the same lockfile (for the same Node version), instead of compiling it
 * again: CI uses it for the second Node version, whose full `npm ci` has just compiled it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = ['dist/index.html', 'dist-server/server/main.js', 'dist-server/server/admin.js'];
const NATIVE_ADDON = 'better-sqlite3/build/Release/better_sqlite3.node';
const START_DEADLINE_MS = 60_000;
const STOP_DEADLINE_MS = 15_000;
const POLL_INTERVAL_MS = 200;

class SmokeFailure extends Error {}

const started = performance.now();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const say = (line) => process.stderr.write(`production smoke: ${line}\n`);

/** Runs a command to its end; resolves with its exit code and everything it wrote. */
async function run(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const [code] = await once(child, 'close');
  return { code, output };
}

async function freePort() {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  return port;
}

/** What a fresh clone of this commit would hold (tracked and new, unignored files), plus the build. */
function copyBuiltRepository(target) {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  for (const file of listed.split('\0')) {
    if (!file || !existsSync(path.join(PROJECT_ROOT, file))) continue; // deleted but not yet committed
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    copyFileSync(path.join(PROJECT_ROOT, file), path.join(target, file));
  }
  for (const folder of ['dist', 'dist-server']) {
    cpSync(path.join(PROJECT_ROOT, folder), path.join(target, folder), { recursive: true });
  }
}

async function installProductionDependencies(app, nativeAddonFrom) {
  const args = [
    'ci',
    '--omit=dev',
    '--no-audit',
    '--no-fund',
    '--loglevel=warn',
    ...(nativeAddonFrom ? ['--ignore-scripts'] : []),
  ];
  const { code, output } = await run('npm', args, { cwd: app, env: process.env });
  if (code !== 0) throw new SmokeFailure(`npm ${args.join(' ')} failed (exit ${code}):\n${output}`);
  const engineWarnings = output.split('\n').filter((line) => /EBADENGINE|unsupported engine/i.test(line));
  if (engineWarnings.length) {
    throw new SmokeFailure(`npm ci warned about engines on Node ${process.version}:\n${engineWarnings.join('\n')}`);
  }
  if (nativeAddonFrom) {
    const target = path.join(app, 'node_modules', NATIVE_ADDON);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(nativeAddonFrom, NATIVE_ADDON), target);
  }
}

async function expectPage(url, { contentType, contains }) {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = await response.text();
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || !contentType.test(type) || !contains.every((text) => body.includes(text))) {
    throw new SmokeFailure(
      `GET ${url} answered ${response.status} ${type}; expected 200 ${contentType.source} containing ${contains.join(', ') || 'anything'}`,
    );
  }
  return body;
}

/** The script goes out as the build's brotli copy (its exact length), not compressed again per request. */
async function expectBuildCopySent(url, script, app) {
  const response = await fetch(new URL(script, url), { headers: { 'accept-encoding': 'br' } });
  await response.arrayBuffer();
  const copy = path.join(app, 'dist', `${script.replace(/^\//, '')}.br`);
  const expected = existsSync(copy) ? String(statSync(copy).size) : 'a .br copy in dist/';
  const sent = `${response.headers.get('content-encoding')} ${response.headers.get('content-length')}`;
  if (sent !== `br ${expected}`)
    throw new SmokeFailure(`GET ${script} sent ${sent}; expected the build's copy: br ${expected}`);
}

/** Polls the health check until it answers, the server exits, or the deadline passes. */
async function waitUntilHealthy(url, server, output) {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new SmokeFailure(`npm run serve exited before answering:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok && (await response.json()).status === 'ok') return;
    } catch {
      // Not listening yet.
    }
    await delay(POLL_INTERVAL_MS);
  }
  throw new SmokeFailure(`/api/v1/health did not answer within ${START_DEADLINE_MS / 1000} s:\n${output()}`);
}

async function smoke({ nativeAddonFrom, keep }) {
  const missing = BUILT.filter((file) => !existsSync(path.join(PROJECT_ROOT, file)));
  if (missing.length) throw new SmokeFailure(`Run npm run build first: ${missing.join(', ')} missing.`);

  const workspace = mkdtempSync(path.join(os.tmpdir(), 'lon-production-smoke-'));
  const app = path.join(workspace, 'app');
  let server;
  try {
    let step = performance.now();
    copyBuiltRepository(app);
    await installProductionDependencies(app, nativeAddonFrom && path.resolve(nativeAddonFrom));
    say(`copied and ran npm ci --omit=dev on Node ${process.version} without engine warnings (${seconds(step)})`);

    step = performance.now();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Only what a deployment sets: nothing from this shell (STATIC_DIR, DATABASE_URL…) leaks in.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.homedir(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(workspace, 'data'),
      LOG_LEVEL: 'warn',
    };
    // Its own process group, so that nothing survives this script whatever happens.
    server = spawn('npm', ['run', 'serve'], { cwd: app, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout.on('data', (chunk) => (output += chunk));
    server.stderr.on('data', (chunk) => (output += chunk));
    await waitUntilHealthy(url, server, () => output);
    say(`npm run serve answered /api/v1/health (${seconds(step)})`);

    const index = await expectPage(`${url}/`, { contentType: /^text\/html/, contains: ['<div id="root"'] });
    const script = /<script type="module"[^>]* src="([^"]+)"/.exec(index)?.[1];
    if (!script) throw new SmokeFailure('The index page names no module script.');
    await expectPage(new URL(script, url).href, { contentType: /^(text|application)\/javascript/, contains: [] });
    await expectBuildCopySent(url, script, app);
    await expectPage(`${url}/inbox`, { contentType: /^text\/html/, contains: ['Sign in', '<form'] });
    say("the app, its script (the build's brotli copy) and the inbox sign-in page answer");

    const admin = await run('npm', ['run', '-s', 'admin:production', '--', 'list-devices'], { cwd: app, env });
    if (admin.code !== 0 || !Array.isArray(JSON.parse(admin.output.trim() || 'null'))) {
      throw new SmokeFailure(`npm run admin:production -- list-devices failed (exit ${admin.code}):\n${admin.output}`);
    }
    say('npm run admin:production -- list-devices reads the database');

    step = performance.now();
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new SmokeFailure(`npm run serve exited on its own:\n${output}`);
    }
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), delay(STOP_DEADLINE_MS, false, { ref: false })]);
    if (!stopped) throw new SmokeFailure(`npm run serve did not stop within ${STOP_DEADLINE_MS / 1000} s of SIGTERM.`);
    say(`SIGTERM stopped it (${seconds(step)})`);
  } finally {
    if (server?.pid && server.exitCode === null && server.signalCode === null) {
      process.kill(-server.pid, 'SIGKILL');
      await once(server, 'exit');
    }
    if (keep) say(`kept ${workspace}`);
    else rmSync(workspace, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: { 'native-addon-from': { type: 'string' }, keep: { type: 'boolean', default: false } },
});
try {
  await smoke({ nativeAddonFrom: values['native-addon-from'], keep: values.keep });
  say(`passed in ${seconds(started)}`);
} catch (error) {
  say(error instanceof SmokeFailure ? error.message : `stopped: ${error?.stack ?? error}`);
  process.exitCode = 1;
}
