import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canariesIn, canarySubmission } from './support/canaries.ts';
import {
  capturedLogs,
  countSubmissions,
  createTestDatabase,
  DATABASE_KINDS,
  startTestApp,
  type TestApp,
  type TestDatabase,
} from './support/harness.ts';

describe.each(DATABASE_KINDS)('replays of one submission on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: TestApp;
  let token: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startTestApp(testDatabase);
    ({ token } = await server.enrol());
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('stores one row when the same submission is sent 5 times in a row, and answers each with the same receipt', async () => {
    const body = canarySubmission();
    const key = randomUUID();
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++) answers.push(await server.submit(token, body, key));
    expect(answers.map((response) => response.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((response) => response.body)).size).toBe(1);
    expect(await countSubmissions(server.database, key)).toBe(1);
  });

  it('stores one row when the same submission is sent 20 times at once; the others see 201 or 409', async () => {
    const body = canarySubmission();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => server.submit(token, body, key)));
    const statuses = answers.map((response) => response.statusCode);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses).toContain(201);
    const receipts = new Set(answers.filter((response) => response.statusCode === 201).map((r) => r.body));
    expect(receipts.size).toBe(1);
    expect(await countSubmissions(server.database, key)).toBe(1);

    // The device retries its 409s until it has a 201: the same receipt, still one row.
    const retry = await server.submit(token, body, key);
    expect(retry.statusCode).toBe(201);
    expect(receipts.has(retry.body)).toBe(true);
    expect(await countSubmissions(server.database, key)).toBe(1);
  });

  it('keeps 20 different submissions sent at once apart: 20 rows', async () => {
    const before = await countSubmissions(server.database);
    const answers = await Promise.all(Array.from({ length: 20 }, () => server.submit(token, canarySubmission())));
    expect(answers.map((response) => response.statusCode)).toEqual(Array.from({ length: 20 }, () => 201));
    expect(new Set(answers.map((response) => response.json<{ id: string }>().id)).size).toBe(20);
    expect((await countSubmissions(server.database)) - before).toBe(20);
  });
});

// The logs of the replays hold none of the personal data sent. A hook, not a test, so that it
// sees every replay whatever order the tests ran in.
afterAll(() => {
  expect(capturedLogs.length).toBeGreaterThan(0);
  expect(canariesIn(capturedLogs.join(''))).toEqual([]);
});
