/**
 * The referrals list, one referral, starting triage and recording a decision. Form posts follow
 * post/redirect/get; a form with mistakes is shown again with what was typed and an error summary.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assess, type Assessment } from '../../src/domain/engine/assess.ts';
import type { Submission } from '../../src/domain/sync/submission-schema.ts';
import { formToken } from './web-security.ts';
import { guard, sendHtml, sessionOf, type InboxContext, type SignInResponder } from './context.ts';
import { parseListQuery } from './filters.ts';
import { findByReference } from './find-by-reference.ts';
import { MAX_NOTE_LENGTH, OUTCOMES, PAGE_SIZE, type Outcome } from './model.ts';
import { auditFor, recordAudit } from './store/audit.ts';
import { countSubmissions, findSubmission, listSubmissions } from './store/queries.ts';
import { decisionsFor, recordDecision, startTriage } from './store/triage.ts';
import type { FieldError } from './views/components.ts';
import { DECISION_MESSAGES, type DecisionValues } from './views/decision.ts';
import { listPage } from './views/list.ts';
import { messagePage } from './views/sign-in.ts';
import { submissionPage, type SubmissionPageView } from './views/submission.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMPTY_DECISION: DecisionValues = { decidedLevel: '', outcome: '', note: '' };

const notFoundPage = () =>
  messagePage(
    'Referral not found',
    ['It may have been deleted under the retention policy, or the address is wrong.'],
    true,
  );

/** Text from a form, with Windows line endings made plain and NUL characters (never typed) removed. */
function formText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n').replaceAll('\u0000', '') : '';
}

function idParam(request: FastifyRequest): string | undefined {
  const id = (request.params as { id?: string }).id?.toLowerCase() ?? '';
  return UUID_PATTERN.test(id) ? id : undefined;
}

async function renderSubmission(
  context: InboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  form: Pick<SubmissionPageView, 'values' | 'errors' | 'notice'> & { status: number; auditView?: boolean },
) {
  const session = sessionOf(request);
  const row = await findSubmission(context.db, id);
  if (!row) return sendHtml(reply, 404, notFoundPage());
  if (form.auditView) {
    await recordAudit(
      context.db,
      { actor: session.user, action: 'viewed-submission', submissionId: id },
      context.now(),
    );
  }
  const submission = JSON.parse(row.payload) as Partial<Submission>;
  const document = context.documents.get(row.document_id, row.document_version);
  let assessment: Assessment | undefined;
  try {
    assessment = document
      ? assess(document, { ageBand: submission.concern?.ageBand ?? '', indicators: submission.indicators ?? [] })
      : undefined;
  } catch {
    assessment = undefined;
  }
  const [decisions, audit] = await Promise.all([decisionsFor(context.db, id), auditFor(context.db, id)]);
  const body = submissionPage({
    user: session.user,
    csrfToken: formToken(request, reply),
    row,
    submission,
    document,
    assessment,
    decisions,
    audit,
    values: form.values,
    errors: form.errors,
    notice: form.notice,
  });
  return sendHtml(reply, form.status, body);
}

function parseDecision(body: Record<string, unknown>, levels: readonly number[]) {
  const values: DecisionValues = {
    decidedLevel: formText(body.decidedLevel).trim(),
    outcome: formText(body.outcome).trim(),
    note: formText(body.note).trim(),
  };
  const errors: FieldError[] = [];
  const level = Number(values.decidedLevel);
  if (!levels.includes(level)) errors.push({ field: 'decidedLevel', message: DECISION_MESSAGES.decidedLevel });
  if (!(OUTCOMES as readonly string[]).includes(values.outcome)) {
    errors.push({ field: 'outcome', message: DECISION_MESSAGES.outcome });
  }
  if (!values.note) errors.push({ field: 'note', message: DECISION_MESSAGES.note });
  else if (values.note.length > MAX_NOTE_LENGTH) errors.push({ field: 'note', message: DECISION_MESSAGES.noteTooLong });
  const expectedCount = Number(formText(body.expectedCount));
  return { values, errors, level, outcome: values.outcome as Outcome, expectedCount };
}

export function registerReferralRoutes(inbox: FastifyInstance, context: InboxContext, signIn: SignInResponder) {
  const page = guard(signIn, { kind: 'page' });
  const form = guard(signIn, { kind: 'form' });

  inbox.get('/', { preHandler: page }, async (request, reply) => {
    const session = sessionOf(request);
    const search = await findByReference(context.db, request.query);
    if (search.kind === 'found') return reply.redirect(`/inbox/submissions/${search.id}`, 303);
    const parsed = parseListQuery(
      request.query,
      context.levels,
      context.agencies.map((agency) => agency.id),
    );
    if (search.kind === 'not-found') parsed.errors.unshift(search.error);
    const offset = (parsed.page - 1) * PAGE_SIZE;
    const [rows, counts] = await Promise.all([
      listSubmissions(context.db, parsed.filters, { limit: PAGE_SIZE, offset }),
      countSubmissions(context.db, parsed.filters),
    ]);
    const body = listPage({
      user: session.user,
      csrfToken: formToken(request, reply),
      values: parsed.values,
      errors: parsed.errors,
      rows,
      counts,
      page: parsed.page,
      levels: context.levels,
      referenceTyped: search.kind === 'not-found' ? search.typed : '',
      agencies: context.agencies,
    });
    return sendHtml(reply, parsed.errors.length ? 400 : 200, body);
  });

  inbox.get('/submissions/:id', { preHandler: page }, async (request, reply) => {
    const id = idParam(request);
    if (!id) return sendHtml(reply, 404, notFoundPage());
    const notice = (request.query as Record<string, unknown>).notice;
    return renderSubmission(context, request, reply, id, {
      status: 200,
      auditView: true,
      values: EMPTY_DECISION,
      errors: [],
      notice: notice === 'decision-recorded' || notice === 'triage-started' ? notice : undefined,
    });
  });

  inbox.post('/submissions/:id/triage', { preHandler: form }, async (request, reply) => {
    const id = idParam(request);
    const outcome = id ? await startTriage(context.db, id, sessionOf(request).user, context.now()) : 'not-found';
    if (outcome === 'not-found') return sendHtml(reply, 404, notFoundPage());
    return reply.redirect(`/inbox/submissions/${id}${outcome === 'started' ? '?notice=triage-started' : ''}`, 303);
  });

  inbox.post('/submissions/:id/decision', { preHandler: form }, async (request, reply) => {
    const id = idParam(request);
    if (!id) return sendHtml(reply, 404, notFoundPage());
    const row = await findSubmission(context.db, id);
    if (!row) return sendHtml(reply, 404, notFoundPage());
    const document = context.documents.get(row.document_id, row.document_version);
    const levels = document?.levels.map((level) => level.level) ?? context.levels;
    const parsed = parseDecision((request.body ?? {}) as Record<string, unknown>, levels);
    if (parsed.errors.length || !Number.isInteger(parsed.expectedCount) || parsed.expectedCount < 0) {
      return renderSubmission(context, request, reply, id, {
        status: 400,
        values: parsed.values,
        errors: parsed.errors,
      });
    }
    const outcome = await recordDecision(
      context.db,
      {
        submissionId: id,
        expectedCount: parsed.expectedCount,
        decidedLevel: parsed.level,
        outcome: parsed.outcome,
        note: parsed.values.note,
      },
      sessionOf(request).user,
      context.now(),
    );
    if (outcome === 'not-found') return sendHtml(reply, 404, notFoundPage());
    if (outcome === 'changed-meanwhile') {
      const errors = [{ field: 'decidedLevel', message: DECISION_MESSAGES.changedMeanwhile }];
      return renderSubmission(context, request, reply, id, { status: 409, values: parsed.values, errors });
    }
    return reply.redirect(`/inbox/submissions/${id}?notice=decision-recorded`, 303);
  });
}
