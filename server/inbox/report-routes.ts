/**
 * The consistency report page and the three CSV exports (referrals, the agreement tables, the
 * indicators). Exports are personal data leaving the service: each is audited with its filters
 * and row count. Without a session they answer 401, never the sign-in page.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import type { Submission } from '../../src/domain/sync/submission-schema.ts';
import { formToken } from './web-security.ts';
import { guard, sendHtml, sessionOf, type InboxContext, type SignInResponder } from './context.ts';
import { csvChunks, toCsv, type CsvValue } from './csv.ts';
import { parseDayRange, parseListQuery } from './filters.ts';
import { outcomeLabel, STATUS_LABELS } from './model.ts';
import { consistencyReport, percent, type AgreementRow } from './report.ts';
import { recordAudit } from './store/audit.ts';
import { exportSubmissions, type ExportRow } from './store/export-query.ts';
import { countSubmissions } from './store/queries.ts';
import { reportData } from './store/report-data.ts';
import { reportPage } from './views/report.ts';

function rangeValues(query: unknown) {
  const raw = (query ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 40) : '');
  return { from: text(raw.from), to: text(raw.to) };
}

function sendCsv(reply: FastifyReply, name: string, csv: string | Readable, now: Date) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${name}-${now.toISOString().slice(0, 10)}.csv"`)
    .send(csv);
}

function badRequest(reply: FastifyReply, messages: readonly string[]) {
  return reply
    .code(400)
    .type('application/json; charset=utf-8')
    .send({ code: 'bad-request', message: messages.join('. ') });
}

const SUBMISSION_COLUMNS = [
  'referral_id',
  // The short code the referrer was shown and may quote on the phone.
  'reference',
  'received_at',
  'status',
  'immediate_risk',
  'agency',
  'referrer_name',
  'referrer_role',
  'referrer_phone',
  'child_last_name',
  'child_first_name',
  'date_of_birth',
  'due_date',
  'age_band',
  'referrer_level',
  'suggested_level',
  'device_suggested_level',
  'referrer_reason_for_level',
  'concern',
  'child_voice',
  'decided_level',
  'outcome',
  'decision_note',
  'decided_by',
  'decided_at',
];

const AGREEMENT_COLUMNS = [
  'table',
  'group',
  'referrals',
  'decided',
  'referrer_matches_decision',
  'referrer_matches_decision_percent',
  'suggested_matches_decision',
  'suggested_matches_decision_percent',
  'referrer_matches_suggested',
  'referrer_matches_suggested_percent',
  'referrer_higher_than_decision',
  'referrer_lower_than_decision',
];

function agreementCells(table: string, group: string, row: AgreementRow): CsvValue[] {
  return [
    table,
    group,
    row.referrals,
    row.decided,
    row.referrerMatchesDecision,
    percent(row.referrerMatchesDecision, row.decided),
    row.engineMatchesDecision,
    percent(row.engineMatchesDecision, row.decided),
    row.referrerMatchesEngine,
    percent(row.referrerMatchesEngine, row.referrals),
    row.referrerHigher,
    row.referrerLower,
  ];
}

function submissionCells(row: ExportRow, agencyName: (id: string) => string): CsvValue[] {
  const s = JSON.parse(row.payload) as Partial<Submission>;
  return [
    row.id,
    row.reference,
    row.received_at,
    STATUS_LABELS[row.status],
    row.immediate_risk === 1 ? 'yes' : 'no',
    agencyName(row.agency),
    s.referrer?.name,
    s.referrer?.role,
    s.referrer?.phone,
    s.child?.lastName,
    s.child?.firstName,
    s.child?.dateOfBirth,
    s.child?.dueDate,
    s.concern?.ageBand,
    row.practitioner_level,
    row.engine_level,
    row.suggested_level,
    row.override_rationale,
    s.concern?.reason,
    s.childVoice?.text,
    row.decided_level,
    outcomeLabel(row.outcome),
    row.note,
    row.decided_by,
    row.decided_at,
  ];
}

export function registerReportRoutes(inbox: FastifyInstance, context: InboxContext, signIn: SignInResponder) {
  const page = guard(signIn, { kind: 'page' });
  const data = guard(signIn, { kind: 'data' });

  async function report(query: unknown) {
    const values = rangeValues(query);
    const range = parseDayRange(values.from, values.to);
    const data = range.errors.length ? { inputs: [], indicators: [] } : await reportData(context.db, range);
    return { values, range, report: consistencyReport(data.inputs, context.levels, data.indicators) };
  }

  inbox.get('/report', { preHandler: page }, async (request, reply) => {
    const session = sessionOf(request);
    const { values, range, report: figures } = await report(request.query);
    const body = reportPage({
      user: session.user,
      csrfToken: formToken(request, reply),
      values,
      errors: range.errors,
      report: figures,
      indicatorText: context.indicatorText,
      agencyName: context.agencyName,
    });
    return sendHtml(reply, range.errors.length ? 400 : 200, body);
  });

  inbox.get('/export/submissions.csv', { preHandler: data }, async (request, reply) => {
    const parsed = parseListQuery(
      request.query,
      context.levels,
      context.agencies.map((agency) => agency.id),
    );
    if (parsed.errors.length)
      return badRequest(
        reply,
        parsed.errors.map((error) => error.message),
      );
    // Counted from the indexes first, for the audit trail; the rows then stream out in batches.
    const { total } = await countSubmissions(context.db, parsed.filters);
    const now = context.now();
    await recordAudit(
      context.db,
      {
        actor: sessionOf(request).user,
        action: 'exported-submissions',
        details: { rows: total, ...parsed.values },
      },
      now,
    );
    const batches = async function* () {
      for await (const rows of exportSubmissions(context.db, parsed.filters))
        yield rows.map((row) => submissionCells(row, context.agencyName));
    };
    return sendCsv(
      reply,
      'referrals',
      Readable.from(csvChunks(SUBMISSION_COLUMNS, batches()), { objectMode: false }),
      now,
    );
  });

  inbox.get('/export/report.csv', { preHandler: data }, async (request, reply) => {
    const { values, range, report: figures } = await report(request.query);
    if (range.errors.length)
      return badRequest(
        reply,
        range.errors.map((error) => error.message),
      );
    const now = context.now();
    await recordAudit(
      context.db,
      { actor: sessionOf(request).user, action: 'exported-report', details: { table: 'agreement', ...values } },
      now,
    );
    const rows = [
      ...figures.byAgency.map((row) => agreementCells('agency', context.agencyName(row.key), row)),
      agreementCells('agency', 'All agencies', figures.total),
      ...figures.byLevel.map((row) => agreementCells('referrer_level', `Level ${row.key}`, row)),
    ];
    return sendCsv(reply, 'consistency-report', toCsv(AGREEMENT_COLUMNS, rows), now);
  });

  inbox.get('/export/report-indicators.csv', { preHandler: data }, async (request, reply) => {
    const { values, range, report: figures } = await report(request.query);
    if (range.errors.length)
      return badRequest(
        reply,
        range.errors.map((error) => error.message),
      );
    const now = context.now();
    await recordAudit(
      context.db,
      { actor: sessionOf(request).user, action: 'exported-report', details: { table: 'indicators', ...values } },
      now,
    );
    const rows = figures.indicators.map((indicator): CsvValue[] => [
      indicator.id,
      context.indicatorText(indicator.id),
      indicator.count,
      figures.disagreeing,
      percent(indicator.count, figures.disagreeing),
    ]);
    return sendCsv(
      reply,
      'consistency-indicators',
      toCsv(['indicator_id', 'indicator', 'referrals', 'referrals_disagreeing', 'percent'], rows),
      now,
    );
  });
}
