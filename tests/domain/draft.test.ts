import { describe, expect, it } from 'vitest';
import { DRAFT_SCHEMA_VERSION, draftContentSchema, restoreDraft } from '../../src/domain/assessment/draft.ts';
import {
  childFieldsSchema,
  concernSchema,
  consentFieldsSchema,
  overrideFieldsSchema,
  referrerSchema,
} from '../../src/domain/assessment/referral-schema.ts';

const stored = (content: unknown) => ({
  id: '0b7d8a1e-2f3c-4d5e-8f90-a1b2c3d4e5f6',
  schemaVersion: DRAFT_SCHEMA_VERSION,
  mode: 'referral',
  status: 'in-progress',
  documentId: 'st-helens',
  documentVersion: '0.1.0',
  step: 'about-you',
  levelSoFar: 1,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:05:00.000Z',
  content,
});

describe('a draft', () => {
  it('has a section for every question of every step, and no others', () => {
    const sections = draftContentSchema.shape;
    expect(Object.keys(sections.referrer.unwrap().shape)).toEqual(Object.keys(referrerSchema.shape));
    expect(Object.keys(sections.concern.unwrap().shape)).toEqual(Object.keys(concernSchema.shape));
    expect(Object.keys(sections.child.unwrap().shape)).toEqual(Object.keys(childFieldsSchema.shape));
    expect(Object.keys(sections.consent.unwrap().shape)).toEqual(Object.keys(consentFieldsSchema.shape));
    expect(Object.keys(sections.override.unwrap().shape)).toEqual(Object.keys(overrideFieldsSchema.shape));
  });

  it('keeps answers exactly as typed, including emptied and half-typed ones', () => {
    const content = { referrer: { name: '', email: 'sam@' }, concern: { ageBand: '', reason: '  spaces kept  ' } };
    const draft = restoreDraft(stored(content));
    expect(draft.content.referrer).toEqual({ name: '', email: 'sam@' });
    expect(draft.content.concern).toEqual({ ageBand: '', reason: '  spaces kept  ' });
    expect(draft.content.indicators).toEqual([]);
  });

  it('refuses a damaged draft without repeating anything it contains', () => {
    const attempt = () => restoreDraft(stored({ referrer: { name: 42 }, unexpected: 'CANARY-Jane-Doe' }));
    expect(attempt).toThrow(
      'This draft could not be opened because part of it is damaged or from a newer version of the app.',
    );
    try {
      attempt();
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain('CANARY');
      expect(String((error as { issues: string[] }).issues)).not.toContain('CANARY');
    }
  });
});
