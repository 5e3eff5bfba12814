import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { DraftContent } from '../../domain/assessment/draft.ts';
import { agencyName } from '../../domain/assessment/agencies.ts';
import type { StoredDate } from '../../domain/assessment/date-parts.ts';
import { formatDay } from '../../domain/assessment/dates.ts';
import { PARENTAL_RESPONSIBILITY_LABELS } from '../../domain/assessment/family-schema.ts';
import { CONSENT_OUTCOME_SUMMARIES, consentNeedsReason } from '../../domain/assessment/referral-schema.ts';
import type { Step } from '../../domain/assessment/steps.ts';
import type { LevelDecision } from '../../domain/assessment/decision.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';

/** A real date as "14 April 2025"; boxes that make no date yet as typed, "31 2 2025". */
const storedDateText = (stored: StoredDate | undefined) =>
  typeof stored === 'string'
    ? formatDay(stored)
    : [stored?.day, stored?.month, stored?.year].filter((part) => part?.trim()).join(' ');

interface Row {
  key: string;
  value: ReactNode;
  step: string;
}

const NOT_ANSWERED = <span className="govuk-hint">Not answered</span>;
const text = (value: string | undefined) => (value?.trim() ? <span className="pre-wrap">{value}</span> : NOT_ANSWERED);

function rows(
  document: ThresholdsDocument,
  content: DraftContent,
  decision: LevelDecision | undefined,
): { title: string; rows: Row[] }[] {
  const { referrer, concern, child, consent, override } = content;
  const ageLabel = document.ageBands.find((band) => band.id === concern.ageBand)?.label;
  const chosen = new Set(content.indicators);
  return [
    { title: 'Level of need', rows: decisionRows(decision, override) },
    {
      title: 'About you',
      rows: [
        { key: 'Name', value: text(referrer.name), step: 'about-you' },
        { key: 'Role', value: text(referrer.role), step: 'about-you' },
        {
          key: 'Agency',
          value: referrer.agency ? agencyName(document, referrer.agency) : NOT_ANSWERED,
          step: 'about-you',
        },
        { key: 'Phone', value: text(referrer.phone), step: 'about-you' },
        { key: 'Email', value: text(referrer.email), step: 'about-you' },
      ],
    },
    {
      title: 'The child and the concern',
      rows: [
        { key: 'Age', value: ageLabel ?? NOT_ANSWERED, step: 'concern' },
        { key: 'What you are worried about', value: text(concern.reason), step: 'concern' },
        { key: 'Name', value: text([child.firstName, child.lastName].filter(Boolean).join(' ')), step: 'child' },
        {
          key: child.gender === 'unborn' ? 'Due date' : 'Date of birth',
          value: text(storedDateText(child.gender === 'unborn' ? child.dueDate : child.dateOfBirth)),
          step: 'child',
        },
        { key: 'Address', value: text(child.address), step: 'child' },
        { key: 'School or setting', value: text(child.setting), step: 'child' },
        { key: 'Household', value: text(child.household), step: 'child' },
      ],
    },
    { title: 'Family, language and other professionals', rows: familyRows(content.family) },
    {
      title: 'Concerns chosen',
      rows: document.domains.map((domain) => {
        const picked = domain.indicators.filter((indicator) => chosen.has(indicator.id));
        return {
          key: domain.title,
          step: `domain-${domain.id}`,
          value: picked.length ? (
            <ul className="compact-list">
              {picked.map((indicator) => (
                <li key={indicator.id}>
                  Level {indicator.level}: {indicator.text}
                </li>
              ))}
            </ul>
          ) : (
            'None'
          ),
        };
      }),
    },
    {
      title: 'Strengths, voice and history',
      rows: [
        { key: 'What is working well', value: text(content.strengths), step: 'strengths' },
        { key: "The child's voice", value: text(content.childVoice), step: 'child-voice' },
        { key: 'What has been tried', value: text(content.tried), step: 'tried' },
      ],
    },
    {
      title: 'Consent',
      rows: [
        {
          key: 'Parents or carers know',
          value: consent.parentsAware === 'yes' ? 'Yes' : consent.parentsAware === 'no' ? 'No' : NOT_ANSWERED,
          step: 'consent',
        },
        {
          key: 'Consent',
          value: consent.consent ? CONSENT_OUTCOME_SUMMARIES[consent.consent] : NOT_ANSWERED,
          step: 'consent',
        },
        ...(consentNeedsReason(consent)
          ? [{ key: 'Reason', value: text(consent.reasonNotSought), step: 'consent' }]
          : []),
      ],
    },
  ];
}

function familyRows(family: DraftContent['family']): Row[] {
  const list = (items: string[]) =>
    items.length ? (
      <ul className="compact-list">
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    ) : (
      'None added'
    );
  const interpreter =
    family.interpreterNeeded === 'yes'
      ? `Yes${family.interpreterLanguage?.trim() ? `: ${family.interpreterLanguage.trim()}` : ''}`
      : family.interpreterNeeded === 'no'
        ? 'No'
        : undefined;
  return [
    { key: 'NHS number', value: text(family.nhsNumber), step: 'family' },
    { key: 'GP practice', value: text(family.gpPractice), step: 'family' },
    {
      key: 'Parents and carers',
      step: 'family',
      value: list(
        family.parents.map((parent) =>
          [
            [parent.name, parent.relationship].filter((part) => part?.trim()).join(', '),
            parent.parentalResponsibility &&
              `parental responsibility: ${PARENTAL_RESPONSIBILITY_LABELS[parent.parentalResponsibility].toLowerCase()}`,
            parent.livesWithChild && (parent.livesWithChild === 'yes' ? 'lives with the child' : 'lives elsewhere'),
          ]
            .filter(Boolean)
            .join('; '),
        ),
      ),
    },
    { key: 'Language spoken at home', value: text(family.homeLanguage), step: 'family' },
    { key: 'Interpreter needed', value: interpreter ?? NOT_ANSWERED, step: 'family' },
    {
      key: 'Other professionals',
      step: 'family',
      value: list(
        family.professionals.map((professional) =>
          [professional.name, professional.role, professional.agency, professional.contact]
            .filter((part) => part?.trim())
            .join(', '),
        ),
      ),
    },
  ];
}

/** The decision leads: the level that guides what happens next, then the suggestion it came from. */
function decisionRows(decision: LevelDecision | undefined, override: DraftContent['override']): Row[] {
  if (!decision) return [{ key: 'Level', value: NOT_ANSWERED, step: 'result' }];
  const level = `Level ${decision.level}: ${decision.response.name}`;
  if (decision.overridden) {
    return [
      { key: 'Your level', value: level, step: 'result' },
      { key: 'Your reasons', value: text(decision.rationale), step: 'result' },
      {
        key: 'Suggested level',
        value: `Suggested: level ${decision.suggestedLevel} (${decision.suggestedName})`,
        step: 'result',
      },
    ];
  }
  return [
    {
      key: 'Level',
      value:
        override.agrees === 'yes' ? (
          <>
            {level}. <span className="govuk-hint">You agreed with the suggested level.</span>
          </>
        ) : (
          <>
            {level}. <span className="govuk-hint">Suggested; you have not yet said whether you agree.</span>
          </>
        ),
      step: 'result',
    },
  ];
}

/** The answers as GOV.UK summary lists; with `steps`, each row has a Change link back to its step. */
export function AnswersSummary({
  document,
  content,
  decision,
  steps,
}: {
  document: ThresholdsDocument;
  content: DraftContent;
  decision: LevelDecision | undefined;
  steps?: readonly Step[];
}) {
  return (
    <>
      {rows(document, content, decision).map((section) => (
        <section key={section.title} className="answers-section" aria-labelledby={`answers-${section.title}`}>
          <h2 id={`answers-${section.title}`}>{section.title}</h2>
          <dl className="summary-list">
            {section.rows.map((row) => (
              <div key={`${row.step}-${row.key}`}>
                <dt>{row.key}</dt>
                <dd>{row.value}</dd>
                {steps && (
                  <dd className="summary-list__actions">
                    <Link href={`/${row.step}?return=check`}>
                      Change <span className="govuk-visually-hidden">{row.key.toLowerCase()}</span>
                    </Link>
                  </dd>
                )}
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}
