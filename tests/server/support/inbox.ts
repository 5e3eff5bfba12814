/**
 * The front door's inbox for the server tests: the app on a test database with a movable clock
 * and a cheap scrypt (hashes carry their parameters, so this changes nothing else), staff created
 * directly in the store, and a small "browser" that keeps its cookies and sends forms the way a
 * browser on the same site does (Origin and Sec-Fetch-Site), or, when told, the way another site would.
 */
import type { LightMyRequestResponse } from 'fastify';
import { Writable } from 'node:stream';
import { buildApp } from '../../../server/app.ts';
import { createLogger } from '../../../server/http/logging.ts';
import type { Role } from '../../../server/inbox/model.ts';
import type { ScryptParameters } from '../../../server/inbox/passwords.ts';
import { createUser } from '../../../server/inbox/store/staff.ts';
import { openDatabase } from '../../../server/store/database.ts';
import { createDevice } from '../../../server/store/devices.ts';
import { capturedLogs, testDocuments, type TestApp, type TestDatabase } from './harness.ts';

/** log2(N) = 10: fast enough for tests; production uses PASSWORD_PARAMETERS. */
export const TEST_PASSWORD_PARAMETERS: ScryptParameters = { ln: 10, r: 8, p: 1 };
export const TEST_PASSWORD = 'correct horse battery staple';
export const HOST = 'inbox.test';
export const ORIGIN = `http://${HOST}`;

export interface InboxTestApp extends TestApp {
  clock: { now: Date };
  addStaff(username: string, role?: Role): Promise<{ id: string; username: string }>;
  /** A browser at this client address (inject's default is 127.0.0.1). */
  browser(address?: string): Browser;
  /** Every wait sign-in asked for, in milliseconds (none really happen). */
  signInWaits: number[];
}

export async function startInboxApp(
  testDatabase: TestDatabase,
  { signInPerMinute = 10_000, trustProxy = false }: { signInPerMinute?: number; trustProxy?: boolean } = {},
): Promise<InboxTestApp> {
  const database = await openDatabase(testDatabase.config);
  const clock = { now: new Date() };
  const signInWaits: number[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      capturedLogs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const app = await buildApp({
    config: { staticDir: null, rateLimitPerMinute: 100_000, enrolRateLimitPerMinute: 100_000, trustProxy },
    database,
    documents: await testDocuments(),
    logger: createLogger('info', sink),
    inbox: {
      now: () => clock.now,
      wait: async (ms) => {
        signInWaits.push(ms);
      },
      passwordParameters: TEST_PASSWORD_PARAMETERS,
      signInPerMinute,
    },
  });
  const server: InboxTestApp = {
    app,
    database,
    keysInFlight: new Set(),
    clock,
    signInWaits,
    async enrol(name = 'Test tablet') {
      const { code } = await createDevice(database.db, name, 24);
      const response = await app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload: { code } });
      return response.json<{ deviceId: string; token: string }>();
    },
    submit(token, body, key = crypto.randomUUID(), headers = {}) {
      return app.inject({
        method: 'POST',
        url: '/api/v1/submissions',
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
          'content-type': 'application/json',
          ...headers,
        },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    addStaff: (username, role = 'triage') =>
      createUser(database.db, { username, role, password: TEST_PASSWORD }, TEST_PASSWORD_PARAMETERS, clock.now),
    browser: (address) => new Browser(server, address),
    async close() {
      await app.close();
      await database.close();
    },
  };
  return server;
}

/**
 * Markup with its layout whitespace squeezed out (Prettier lays out the templates as it likes),
 * so tests can look for exact fragments.
 */
export const squash = (markup: string) =>
  markup.replace(/\s+/g, ' ').replace(/>\s+</g, '><').replace(/\s+>/g, '>').replace(/>\s+/g, '>').replace(/\s+</g, '<');

/** The value of every `name="csrfToken"` field on a page (they are all the same). */
export function csrfTokenIn(body: string): string {
  const match = /name="csrfToken" value="([^"]+)"/.exec(body);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly server: InboxTestApp,
    private readonly remoteAddress = '127.0.0.1',
  ) {}

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (cookie.maxAge === 0) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  private cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const response = await this.server.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.remoteAddress,
      headers: { host: HOST, cookie: this.cookieHeader(), 'sec-fetch-site': 'same-origin', ...headers },
    });
    return this.remember(response);
  }

  /**
   * A form post as Chromium sends it from a page of the inbox (Origin is "null" under the
   * server's no-referrer policy); `headers` can change that, and `undefined` leaves one out.
   * Fields as pairs can repeat a name.
   */
  async post(
    url: string,
    fields: Record<string, string> | [string, string][],
    headers: Record<string, string | undefined> = {},
  ) {
    const all: Record<string, string | undefined> = {
      host: HOST,
      cookie: this.cookieHeader(),
      origin: 'null',
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    };
    const response = await this.server.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.remoteAddress,
      headers: Object.fromEntries(
        Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
      payload: new URLSearchParams(fields).toString(),
    });
    return this.remember(response);
  }

  /** Opens the sign-in page and signs in; returns the response to the form. */
  async signIn(username: string, password = TEST_PASSWORD) {
    const page = await this.get('/inbox');
    return this.post('/inbox/sign-in', { csrfToken: csrfTokenIn(page.body), next: '/inbox', username, password });
  }

  /** The session's CSRF token, from any signed-in page. */
  async csrfToken() {
    return csrfTokenIn((await this.get('/inbox')).body);
  }
}
