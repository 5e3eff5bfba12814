import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Submission } from '../../src/domain/sync/submission-schema.ts';
import { CANARIES, canariesIn, canarySubmission } from './support/canaries.ts';
import { capturedLogs, createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/harness.ts';
import { startInboxApp, type Browser, type InboxTestApp, squash } from './support/inbox.ts';

const HOUR_MS = 60 * 60 * 1000;

/** Referral ids in the order the list shows them. */
const listedIds = (body: string) =>
  [...body.matchAll(/href="\/inbox\/submissions\/([0-9a-f-]{36})"/g)].map((m) => m[1]);

describe.each(DATABASE_KINDS)('triage in the inbox on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: InboxTestApp;
  let browser: Browser;
  let token: string;
  const ids: Record<string, string> = {};

  /** Submits through the API, then backdates the receipt so that ages are known. */
  async function seed(name: string, hoursAgo: number, overrides: Partial<Submission>) {
    const response = await server.submit(token, canarySubmission(overrides));
    expect(response.statusCode).toBe(201);
    const { id } = response.json<{ id: string }>();
    const receivedAt = new Date(Date.now() - hoursAgo * HOUR_MS).toISOString();
    await server.database.db.updateTable('submissions').set({ received_at: receivedAt }).where('id', '=', id).execute();
    ids[name] = id;
  }

  // Each test gets the same five referrals in a database of its own: deciding one must not change
  // what the next test sees, in whatever order they run.
  beforeEach(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startInboxApp(testDatabase);
    ({ token } = await server.enrol());
    const level2 = ['health-missed-checks-immunisations'];
    await seed('level2-oldest', 100, { indicators: level2, suggestedLevel: 2, practitionerLevel: 2 });
    await seed('level3-newer', 5, {});
    await seed('level3-older', 30, {});
    await seed('risk-newest', 1, {
      indicators: ['health-injury-non-mobile-baby'],
      suggestedLevel: 4,
      practitionerLevel: 4,
      referrer: { ...canarySubmission().referrer, agency: 'police' },
    });
    // Overridden down: sorted by the higher level (3), so the override hides nothing.
    await seed('override-down', 10, { practitionerLevel: 2, overrideRationale: CANARIES.rationale });
    await server.addStaff('triager');
    browser = server.browser();
    await browser.signIn('triager');
  });
  afterEach(async () => {
    await server.close();
    await testDatabase.drop();
  });
  afterAll(() => {
    // Over every request of every test above, whichever ran.
    expect(canariesIn(capturedLogs.join(''))).toEqual([]);
  });

  it('lists immediate risk first, then the highest level, then the longest waiting, with counts', async () => {
    const page = await browser.get('/inbox');
    expect(listedIds(page.body)).toEqual([
      ids['risk-newest'],
      ids['level3-older'],
      ids['override-down'],
      ids['level3-newer'],
      ids['level2-oldest'],
    ]);
    expect(squash(page.body)).toContain(squash('5 referrals match, <strong>1 with immediate risk</strong>.'));
    expect(squash(page.body)).toContain(squash('<span class="counts__number">5</span> new'));
  });

  it('filters by level, agency, status and days received', async () => {
    const filtered = async (query: string) => listedIds((await browser.get(`/inbox?${query}`)).body);
    expect(await filtered('level=2')).toEqual([ids['level2-oldest']]);
    expect(await filtered('agency=police')).toEqual([ids['risk-newest']]);
    expect(await filtered('status=decided')).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const threeDaysAgo = new Date(Date.now() - 72 * HOUR_MS).toISOString().slice(0, 10);
    const twoDaysAgo = new Date(Date.now() - 48 * HOUR_MS).toISOString().slice(0, 10);
    // Days are UK days, so a day "two days ago" began between 48 and 73 hours ago.
    expect(await filtered(`from=${twoDaysAgo}&to=${today}`)).toEqual([
      ids['risk-newest'],
      ids['level3-older'],
      ids['override-down'],
      ids['level3-newer'],
    ]);
    expect(await filtered(`from=${threeDaysAgo}&to=${threeDaysAgo}`)).toEqual([]);
  });

  it("shows the answers, the reasons, the referrer's different level and why, consent and the child's voice", async () => {
    const page = await browser.get(`/inbox/submissions/${ids['override-down']}`);
    expect(page.statusCode).toBe(200);
    const text = squash(page.body);
    expect(text).toContain(
      squash(
        '<dt class="govuk-summary-list__key">Referrer&#39;s level</dt> <dd class="govuk-summary-list__value">Level 2: Early help - additional needs</dd>',
      ),
    );
    expect(text).toContain(
      squash('Suggested level (from the descriptions of need)</dt> <dd class="govuk-summary-list__value">Level 3:'),
    );
    expect(text).toContain(squash('<span class="free-text">Canaryrationale: Zqx history known to me</span>'));
    expect(text).toContain(squash('<h2 class="govuk-heading-m">Why level 3 was suggested</h2>'));
    expect(text).toContain(squash('Canaryvoice &quot;I am scared at Zqx house&quot;'));
    expect(text).toContain(
      squash('Do the parents or carers know about this referral?</dt> <dd class="govuk-summary-list__value">Yes</dd>'),
    );
    expect(text).toContain(squash('<dd class="govuk-summary-list__value">Given</dd>'));
  });

  it('starts triage and records a decision, each audited with who, when (server time) and what', async () => {
    const id = ids['risk-newest'] ?? '';
    server.clock.now = new Date('2026-05-05T09:30:00.000Z');
    const csrfToken = await browser.csrfToken();
    expect((await browser.post(`/inbox/submissions/${id}/triage`, { csrfToken })).headers.location).toBe(
      `/inbox/submissions/${id}?notice=triage-started`,
    );
    expect((await browser.get('/inbox?status=in-triage')).body).toContain(id);
    server.clock.now = new Date('2026-05-05T09:45:00.000Z');
    const note = 'Strategy discussion today with police.';
    const decided = await browser.post(`/inbox/submissions/${id}/decision`, {
      csrfToken,
      expectedCount: '0',
      decidedLevel: '4',
      outcome: 'strategy-discussion',
      note,
    });
    expect(decided.statusCode).toBe(303);
    const view = await browser.get(decided.headers.location as string);
    expect(squash(view.body)).toContain(squash('The decision has been recorded'));
    expect(squash(view.body)).toContain(squash('Recorded a decision: level 4, Strategy discussion'));

    const changed = await browser.post(`/inbox/submissions/${id}/decision`, {
      csrfToken,
      expectedCount: '1',
      decidedLevel: '3',
      outcome: 'child-and-family-assessment',
      note: 'Changed after the strategy discussion.',
    });
    expect(changed.statusCode).toBe(303);
    const decisions = await server.database.db
      .selectFrom('decisions')
      .select(['sequence', 'decided_level', 'outcome', 'note'])
      .where('submission_id', '=', id)
      .orderBy('sequence')
      .execute();
    expect(decisions).toEqual([
      { sequence: 1, decided_level: 4, outcome: 'strategy-discussion', note },
      {
        sequence: 2,
        decided_level: 3,
        outcome: 'child-and-family-assessment',
        note: 'Changed after the strategy discussion.',
      },
    ]);
    const audit = await server.database.db
      .selectFrom('audit_events')
      .select(['actor', 'action', 'at', 'details'])
      .where('submission_id', '=', id)
      .where('action', '!=', 'viewed-submission')
      .orderBy('at')
      .execute();
    expect(audit.map((event) => [event.actor, event.action, new Date(event.at).toISOString()])).toEqual([
      ['triager', 'started-triage', '2026-05-05T09:30:00.000Z'],
      ['triager', 'recorded-decision', '2026-05-05T09:45:00.000Z'],
      ['triager', 'recorded-decision', '2026-05-05T09:45:00.000Z'],
    ]);
    expect(JSON.parse(audit[2]?.details ?? '{}')).toEqual({
      sequence: 2,
      decidedLevel: 3,
      outcome: 'child-and-family-assessment',
      previousLevel: 4,
      previousOutcome: 'strategy-discussion',
      referrerLevel: 4,
      engineLevel: 4,
      noteLength: 38,
    });
    // The trail holds no free text: notes stay with the decision, which retention deletes.
    expect(JSON.stringify(audit)).not.toContain('strategy discussion today');
  });

  it('shows a decision with mistakes again, with an error summary linking to each field and what was typed', async () => {
    const id = ids['level3-older'] ?? '';
    const response = await browser.post(`/inbox/submissions/${id}/decision`, {
      csrfToken: await browser.csrfToken(),
      expectedCount: '0',
      decidedLevel: '7',
      note: '  ',
    });
    expect(response.statusCode).toBe(400);
    expect(squash(response.body)).toContain(squash('<title>Error: Referral for'));
    for (const [field, message] of [
      ['decidedLevel', 'Select the level of need the front door has decided'],
      ['outcome', 'Select the outcome'],
      ['note', 'Enter a note about the decision'],
    ]) {
      expect(squash(response.body)).toContain(squash(`<a href="#${field}">${message}</a>`));
      expect(squash(response.body)).toContain(squash(`id="${field}"`));
    }
    const kept = await browser.post(`/inbox/submissions/${id}/decision`, {
      csrfToken: await browser.csrfToken(),
      expectedCount: '0',
      outcome: 'early-help',
      note: 'Kept <as typed>',
    });
    expect(squash(kept.body)).toContain(squash('value="early-help" checked'));
    expect(squash(kept.body)).toContain(squash('>Kept &lt;as typed&gt;</textarea>'));
  });

  it("never overwrites someone else's decision made meanwhile (409, nothing written)", async () => {
    const id = ids['level3-newer'] ?? '';
    const fields = { csrfToken: await browser.csrfToken(), expectedCount: '0', outcome: 'early-help', note: 'First' };
    expect((await browser.post(`/inbox/submissions/${id}/decision`, { ...fields, decidedLevel: '3' })).statusCode).toBe(
      303,
    );
    const late = await browser.post(`/inbox/submissions/${id}/decision`, {
      ...fields,
      decidedLevel: '2',
      note: 'Second',
    });
    expect(late.statusCode).toBe(409);
    expect(squash(late.body)).toContain(squash('Someone else recorded a decision while you had this page open'));
    const notes = await server.database.db
      .selectFrom('decisions')
      .select('note')
      .where('submission_id', '=', id)
      .execute();
    expect(notes).toEqual([{ note: 'First' }]);
  });

  it("shows the report's agreement by agency and level, and exports it", async () => {
    const csrfToken = await browser.csrfToken();
    for (const name of ['risk-newest', 'level3-newer']) {
      const decision = { csrfToken, expectedCount: '0', decidedLevel: '3', outcome: 'early-help', note: 'Decided' };
      expect((await browser.post(`/inbox/submissions/${ids[name]}/decision`, decision)).statusCode).toBe(303);
    }
    const page = await browser.get('/inbox/report');
    expect(page.statusCode).toBe(200);
    // Decided: risk-newest (4, 4 → 3) and level3-newer (3, 3 → 3).
    expect(squash(page.body)).toContain(squash('<dd data-figure="referrals">5</dd>'));
    expect(squash(page.body)).toContain(squash('<dd data-figure="decided">2</dd>'));
    expect(squash(page.body)).toContain(squash('<dd data-figure="referrer-agreement">50%</dd>'));
    expect(squash(page.body)).toContain(squash('role="img" aria-labelledby="chart-title chart-desc"'));
    expect(squash(page.body)).toContain(
      squash('Police: referrer&#39;s level matched 0%, suggested level matched 0% of 1 decided'),
    );
    expect(squash(page.body)).toMatch(/<td>Injury to a non-mobile baby|A baby who cannot yet crawl/);
    const csv = await browser.get('/inbox/export/report.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(squash(csv.body)).toContain(squash('agency,All agencies,5,2,1,50,1,50,4,80,1,0\r\n'));
    const indicators = await browser.get('/inbox/export/report-indicators.csv');
    expect(squash(indicators.body)).toContain(squash('health-injury-non-mobile-baby,'));
  });
});
