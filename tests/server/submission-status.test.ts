import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDecision, startTriage } from '../../server/inbox/store/triage.ts';
import { isReferenceCollision } from '../../server/store/references.ts';
import { REFERENCE_PATTERN } from '../../src/domain/sync/reference.ts';
import { submissionStatusSchema } from '../../src/domain/sync/status-schema.ts';
import { receiptSchema } from '../../src/domain/sync/submission-schema.ts';
import { CANARIES, canariesIn, canarySubmission } from './support/canaries.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/harness.ts';
import { squash, startInboxApp, type InboxTestApp } from './support/inbox.ts';

describe.each(DATABASE_KINDS)('references and GET /api/v1/submissions/{id} on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: InboxTestApp;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startInboxApp(testDatabase);
    ({ token } = await server.enrol('Health visitor tablet'));
    ({ token: otherToken } = await server.enrol('School laptop'));
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  const status = (id: string, bearer = token) =>
    server.app.inject({
      method: 'GET',
      url: `/api/v1/submissions/${id}`,
      headers: { authorization: `Bearer ${bearer}` },
    });

  async function send() {
    const key = randomUUID();
    const response = await server.submit(token, canarySubmission({ overrideRationale: CANARIES.rationale }), key);
    expect(response.statusCode).toBe(201);
    return { key, receipt: receiptSchema.parse(response.json()) };
  }

  it('gives each referral a short reference to read out, and the same one again on a replay', async () => {
    const first = await send();
    const second = await send();
    expect(first.receipt.reference).toMatch(REFERENCE_PATTERN);
    expect(second.receipt.reference).not.toBe(first.receipt.reference);

    const replay = await server.submit(token, canarySubmission(), first.key);
    // A different body under the same key is refused; the same body is replayed with its reference.
    expect(replay.statusCode).toBe(422);
    const row = await server.database.db
      .selectFrom('submissions')
      .select(['reference', 'payload'])
      .where('id', '=', first.receipt.id)
      .executeTakeFirstOrThrow();
    const again = await server.submit(token, JSON.parse(row.payload), first.key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(receiptSchema.parse(again.json()).reference).toBe(first.receipt.reference);
    expect(row.reference).toBe(first.receipt.reference);
  });

  it('shows the reference in the inbox list and on the referral, with the filters folded away until used', async () => {
    const { receipt } = await send();
    await server.addStaff(`reader-${kind}`);
    const browser = server.browser();
    await browser.signIn(`reader-${kind}`);
    const list = await browser.get('/inbox');
    expect(list.body).toContain(receipt.reference);
    expect(squash(list.body)).toContain('<details class="govuk-details filters"><summary');
    const filtered = await browser.get('/inbox?level=3');
    expect(squash(filtered.body)).toContain('<details class="govuk-details filters" open>');
    const referral = await browser.get(`/inbox/submissions/${receipt.id}`);
    expect(squash(referral.body)).toContain(`Reference<strong class="reference">${receipt.reference}</strong>`);
  });

  it('finds a referral in the inbox by the reference read out, however it was typed', async () => {
    const { receipt } = await send();
    await server.addStaff(`finder-${kind}`);
    const browser = server.browser();
    await browser.signIn(`finder-${kind}`);
    const typed = ` ${(receipt.reference ?? '').toLowerCase().replace('-', ' ')} `;
    const found = await browser.get(`/inbox?reference=${encodeURIComponent(typed)}`);
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/inbox/submissions/${receipt.id}`);

    const missing = await browser.get('/inbox?reference=ZZZZ-ZZZZ');
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('No referral has the reference ZZZZ-ZZZZ: check it with the referrer');
    expect(squash(missing.body)).toContain('value="ZZZZ-ZZZZ"');
    const garbled = await browser.get('/inbox?reference=O0O0');
    expect(garbled.body).toContain('Enter a reference like K7QM-4XRT');
  });

  it('refuses a second referral with a reference already taken, as a collision the route retries', async () => {
    const { receipt } = await send();
    const taken = await server.database.db
      .selectFrom('submissions')
      .selectAll()
      .where('id', '=', receipt.id)
      .executeTakeFirstOrThrow();
    const error = await server.database.db
      .insertInto('submissions')
      .values({ ...taken, id: randomUUID(), idempotency_key: randomUUID(), received_at: new Date().toISOString() })
      .execute()
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(isReferenceCollision(error)).toBe(true);
  });

  it('answers "received", then "in triage", then the decision, to the device that sent it', async () => {
    const { receipt } = await send();
    const received = await status(receipt.id);
    expect(received.statusCode).toBe(200);
    expect(received.headers['cache-control']).toContain('no-store');
    expect(submissionStatusSchema.parse(received.json())).toEqual({
      id: receipt.id,
      reference: receipt.reference,
      receivedAt: receipt.receivedAt,
      status: 'received',
    });

    const staff = { ...(await server.addStaff(`triage-${kind}`)), role: 'triage' as const };
    await startTriage(server.database.db, receipt.id, staff, new Date('2026-12-02T10:00:00Z'));
    expect((await status(receipt.id)).json()).toMatchObject({ status: 'in-triage' });

    const note = 'Spoke to the health visitor; mother agreed to early help';
    const decided = {
      submissionId: receipt.id,
      expectedCount: 0,
      decidedLevel: 3,
      outcome: 'early-help',
      note,
    } as const;
    expect(await recordDecision(server.database.db, decided, staff, new Date('2026-12-02T15:15:00Z'))).toBe('recorded');
    const answer = await status(receipt.id);
    expect(submissionStatusSchema.parse(answer.json())).toEqual({
      id: receipt.id,
      reference: receipt.reference,
      receivedAt: receipt.receivedAt,
      status: 'decided',
      decision: { decidedAt: '2026-12-02T15:15:00.000Z', level: 3, outcome: 'early-help', outcomeLabel: 'Early help' },
    });
    // Nothing but what the device sent and the decision: no note, no member of staff.
    expect(answer.body).not.toContain('Spoke to');
    expect(answer.body).not.toContain(staff.username);
    expect(canariesIn(answer.body)).toEqual([]);
  });

  it("answers 404 for another device's referral, exactly as for one that does not exist", async () => {
    const { receipt } = await send();
    const other = await status(receipt.id, otherToken);
    const unknown = await status(randomUUID(), otherToken);
    expect(other.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(other.json()).toEqual(unknown.json());
    expect(other.body).not.toContain(receipt.reference);
  });

  it('answers 401 without a device token', async () => {
    const { receipt } = await send();
    const response = await server.app.inject({ method: 'GET', url: `/api/v1/submissions/${receipt.id}` });
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain(receipt.reference);
  });
});
