/**
 * The example submission in the API description: what a council's integration team reads first.
 * Everyone in it is fictional (the phone number is in Ofcom's range for drama, the postcode is the
 * NHS's "no fixed abode" code). A test keeps it valid against the schema and the St Helens document.
 */
import type { Submission } from '../src/domain/sync/submission-schema.ts';

export const EXAMPLE_IDEMPOTENCY_KEY = '3f1c2b9e-7d4a-4c1e-9b8f-2a6d5e4c3b21';

export const exampleSubmission: Submission = {
  schemaVersion: 1,
  draftId: '8e2f6a41-5c3d-4b7e-a9f0-1d2c3b4a5e6f',
  documentId: 'st-helens',
  documentVersion: '0.1.0',
  referrer: {
    name: 'Alex Example',
    role: 'Health visitor',
    agency: 'health-visitor',
    phone: '01632 960123',
    email: 'alex.example@example.org',
  },
  concern: {
    ageBand: '0-4',
    reason:
      'At a home visit the baby had missed two immunisation appointments, the flat was cold and there was little ' +
      'food in. Mum says money has been very tight since her partner moved out, and that they argue when he visits.',
  },
  child: {
    firstName: 'Robin',
    lastName: 'Fictional',
    dateOfBirth: '2025-02-14',
    gender: 'unknown',
    address: '1 Example Road, Exampletown, ZZ99 3ZZ',
    setting: 'Exampletown Family Hub baby group',
    household: 'Mum (Jo Fictional, 24) and Robin. Dad (Sam Example) visits most weekends.',
  },
  consent: { parentsAware: 'yes', consent: 'given' },
  indicators: ['health-missed-checks-immunisations', 'basic-care-inconsistent', 'family-functioning-parental-conflict'],
  strengths: { text: 'Mum is warm with Robin and asked for help herself. Robin is gaining weight.' },
  childVoice: { text: 'Robin is too young to say; Robin was settled and smiling in Mum’s arms during the visit.' },
  tried: { text: 'Reminder letters for immunisations; a food bank voucher given at the last visit.' },
  suggestedLevel: 3,
  practitionerLevel: 3,
  startedAt: '2026-03-02T10:15:00.000Z',
  completedAt: '2026-03-02T10:52:00.000Z',
};
