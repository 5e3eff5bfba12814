/**
 * The real intake server (server/app.ts on a temporary SQLite file) behind a `fetch` whose network
 * a test controls: `down` refuses every request as an unplugged cable would, and `dropAnswers`
 * lets the server commit and then loses its answer on the way back (the case idempotency is for).
 */
import { createDevice } from '../../../server/store/devices.ts';
import type { AppConfig } from '../../../server/app.ts';
import {
  countSubmissions,
  createTestDatabase,
  startTestApp,
  testDocuments,
  type TestApp,
} from '../../server/support/harness.ts';

export interface SeenRequest {
  path: string;
  idempotencyKey?: string;
  authorization?: string;
  contentType?: string;
  /** The status answered, or undefined when the answer was lost or never came. */
  status?: number;
}

export interface FrontDoor {
  server: TestApp;
  fetch: typeof fetch;
  network: { down: boolean; dropAnswers: number };
  requests: SeenRequest[];
  /** A one-time enrolment code, as `npm run admin -- enrol-device` prints. */
  newCode(): Promise<string>;
  /** Rows in the server's submissions table. */
  rows(): Promise<number>;
  close(): Promise<void>;
}

export async function startFrontDoor(overrides: Partial<AppConfig> = {}): Promise<FrontDoor> {
  const database = await createTestDatabase('sqlite');
  const server = await startTestApp(database, overrides);
  const network = { down: false, dropAnswers: 0 };
  const requests: SeenRequest[] = [];

  const fetchThroughNetwork: typeof fetch = async (input, init = {}) => {
    const url = new URL(String(input), 'http://front-door.test');
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const seen: SeenRequest = {
      path: url.pathname,
      idempotencyKey: headers['idempotency-key'],
      authorization: headers.authorization,
      contentType: headers['content-type'],
    };
    requests.push(seen);
    if (init.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    if (network.down) throw new TypeError('Failed to fetch');
    const answer = await server.app.inject({
      method: init.method === 'GET' ? 'GET' : 'POST',
      url: url.pathname,
      headers,
      payload: typeof init.body === 'string' ? init.body : undefined,
    });
    if (network.dropAnswers > 0) {
      network.dropAnswers -= 1;
      throw new TypeError('Failed to fetch');
    }
    seen.status = answer.statusCode;
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(answer.body, { status: answer.statusCode, headers: responseHeaders });
  };

  return {
    server,
    fetch: fetchThroughNetwork,
    network,
    requests,
    newCode: async () => (await createDevice(server.database.db, 'Test tablet', 24)).code,
    rows: () => countSubmissions(server.database),
    close: async () => {
      await server.close();
      await database.drop();
    },
  };
}

/** The St Helens document the server knows, as the app would have pinned it. */
export async function stHelens() {
  const registry = await testDocuments();
  const entry = registry.list().find((candidate) => candidate.id === 'st-helens');
  const document = entry && registry.get(entry.id, entry.version);
  if (!document) throw new Error('St Helens is missing from thresholds/');
  return document;
}
