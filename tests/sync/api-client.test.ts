import { afterEach, describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../src/domain/sync/reason-codes.ts';
import { ApiClient, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../src/sync/api-client.ts';
import { canarySubmission } from '../server/support/canaries.ts';
import { startFrontDoor, type FrontDoor } from './support/front-door.ts';

const KEY = '0b6f3c1e-52a4-4d8e-9f0a-1c2b3d4e5f60';
const TOKEN = 'a'.repeat(43);

/** A fetch that answers every request with one canned response. */
function answering(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
}

const submit = (client: ApiClient) =>
  client.submit({ token: TOKEN, idempotencyKey: KEY, submission: canarySubmission() });

describe('the API client, against canned answers', () => {
  it('passes on every reason code the server sends, with the status and any issues', async () => {
    for (const code of REASON_CODES) {
      const client = new ApiClient({
        fetch: answering(422, { code, message: 'x', issues: [{ path: 'a', message: 'b' }] }),
      });
      expect(await submit(client)).toEqual({
        ok: false,
        reason: code,
        status: 422,
        issues: [{ path: 'a', message: 'b' }],
      });
    }
  });

  it('names a status that came without a code it knows, such as a proxy page or a missing API', async () => {
    const cases: [number, string][] = [
      [401, 'not-enrolled'],
      [409, 'in-flight'],
      [413, 'too-large'],
      [415, 'unsupported-media-type'],
      [429, 'rate-limited'],
      [404, 'server-unavailable'],
      [502, 'server-unavailable'],
      [503, 'server-unavailable'],
    ];
    for (const [status, reason] of cases) {
      const client = new ApiClient({ fetch: answering(status, '<html>Bad gateway</html>') });
      expect(await submit(client)).toEqual({ ok: false, reason, status });
    }
    const unknownCode = new ApiClient({ fetch: answering(404, { code: 'not-found', message: 'x' }) });
    expect(await submit(unknownCode)).toMatchObject({ reason: 'server-unavailable' });
  });

  it('reads Retry-After as seconds or as a date', async () => {
    const client = new ApiClient({
      fetch: answering(429, { code: 'rate-limited', message: 'x' }, { 'Retry-After': '7' }),
    });
    expect(await submit(client)).toMatchObject({ reason: 'rate-limited', retryAfterMs: 7000 });
    const now = Date.parse('2026-11-23T09:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('treats a 201 whose receipt is garbled as a reason to ask again, not as sent', async () => {
    const client = new ApiClient({ fetch: answering(201, { id: 'x' }) });
    expect(await submit(client)).toEqual({ ok: false, reason: 'server-unavailable', status: 201 });
  });

  it('says "offline" for no answer when the browser has no network, "server-unavailable" when it has, and reports both', async () => {
    const reports: string[] = [];
    let online = false;
    const client = new ApiClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      isOnline: () => online,
      onNetworkFailure: () => reports.push('failure'),
      onNetworkSuccess: () => reports.push('success'),
    });
    expect(await submit(client)).toEqual({ ok: false, reason: 'offline' });
    online = true;
    expect(await submit(client)).toEqual({ ok: false, reason: 'server-unavailable' });
    expect(reports).toEqual(['failure', 'failure']);
  });

  it('gives up on a request that takes longer than its timeout', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))),
      );
    const client = new ApiClient({ fetch: hanging, submitTimeoutMs: 20, enrolTimeoutMs: 20 });
    expect(await submit(client)).toEqual({ ok: false, reason: 'server-unavailable' });
    expect(await client.enrol('7KQ2-M9XD-4RTF-0HWC')).toEqual({ ok: false, reason: 'server-unavailable' });
  });

  it('reports any answer, an error status included, as the network working', async () => {
    const reports: string[] = [];
    const client = new ApiClient({
      fetch: answering(503, { code: 'server-unavailable', message: 'x' }),
      onNetworkSuccess: () => reports.push('success'),
    });
    await submit(client);
    expect(reports).toEqual(['success']);
  });
});

describe('the API client, against the intake server', () => {
  let frontDoor: FrontDoor | undefined;
  afterEach(async () => {
    await frontDoor?.close();
    frontDoor = undefined;
  });

  it('enrols with a one-time code, then sends with the token and the key; a repeat is replayed', async () => {
    frontDoor = await startFrontDoor();
    const client = new ApiClient({ fetch: frontDoor.fetch });
    const code = await frontDoor.newCode();
    const enrolled = await client.enrol(code.toLowerCase().replace(/-/g, ' '));
    if (!enrolled.ok) throw new Error(enrolled.reason);
    expect(await client.enrol(code)).toEqual({ ok: false, reason: 'not-enrolled', status: 401 });

    const submission = canarySubmission();
    const request = { token: enrolled.token, idempotencyKey: KEY, submission };
    const first = await client.submit(request);
    const again = await client.submit(request);
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(again).toEqual(first.ok ? { ...first, replayed: true } : undefined);
    expect(await client.submit({ ...request, submission: { ...submission, tried: { text: 'Other' } } })).toEqual({
      ok: false,
      reason: 'key-reused',
      status: 422,
    });
    expect(await client.submit({ ...request, token: TOKEN })).toEqual({
      ok: false,
      reason: 'not-enrolled',
      status: 401,
    });
    expect(await frontDoor.rows()).toBe(1);
  });

  it('passes on the paths and messages of fields the server refuses, never their values', async () => {
    frontDoor = await startFrontDoor();
    const client = new ApiClient({ fetch: frontDoor.fetch });
    const enrolled = await client.enrol(await frontDoor.newCode());
    if (!enrolled.ok) throw new Error(enrolled.reason);
    const submission = canarySubmission({ indicators: ['no-such-indicator'] });
    const result = await client.submit({ token: enrolled.token, idempotencyKey: KEY, submission });
    expect(result).toEqual({
      ok: false,
      reason: 'answers-do-not-fit',
      status: 422,
      issues: [{ path: 'indicators.0', message: expect.stringContaining('not in st-helens') }],
    });
  });
});
