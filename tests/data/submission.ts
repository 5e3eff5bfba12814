/** Builds a valid submission from a referral draft whose content came from canaryContent(). */
import type { EditableDraft } from '../../src/data/draft-codec.ts';
import { checkedSubmissionSchema, type CheckedSubmission } from '../../src/domain/sync/submission-schema.ts';

export function submissionFor(draft: EditableDraft): CheckedSubmission {
  const { referrer, concern, child, consent, indicators, strengths, childVoice, tried, override } = draft.content;
  return checkedSubmissionSchema.parse({
    schemaVersion: 1,
    draftId: draft.id,
    documentId: draft.documentId,
    documentVersion: draft.documentVersion,
    referrer: { name: 'n', role: 'r', agency: 'school', phone: 'p', ...referrer },
    concern: { ageBand: 'young', reason: 'r', ...concern },
    child: { lastName: 'l', gender: 'female', address: 'a', dateOfBirth: '2019-07-23', ...child },
    consent: { parentsAware: 'yes', consent: 'given', ...consent },
    indicators,
    strengths: { text: strengths || 'not known' },
    childVoice: { text: childVoice || 'not known' },
    tried: { text: tried || 'nothing yet' },
    suggestedLevel: 2,
    practitionerLevel: override.level ?? 2,
    ...(override.rationale ? { overrideRationale: override.rationale } : {}),
    startedAt: draft.createdAt,
    completedAt: draft.updatedAt,
  });
}
