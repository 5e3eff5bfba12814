/**
 * The descriptions-of-need document, as zod schemas. This file is the one truth: the writing
 * group's YAML is checked against the source-file schemas below, the compiled JSON that the app,
 * the server and the CLI use is checked against `thresholdsDocumentSchema`, and the editor's
 * JSON Schemas in `thresholds/*.schema.json` are generated from these.
 *
 * Messages are written for the writing group, who are not programmers: each names the field and
 * says what is expected.
 */
import { z } from 'zod';

export const LEVEL_NUMBERS = [1, 2, 3, 4] as const;
export type LevelNumber = (typeof LEVEL_NUMBERS)[number];

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const text = (field: string, max = 2000) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be ${max} characters or fewer`);

export const idSchema = z
  .string({ error: 'id must be text' })
  .regex(SLUG_PATTERN, 'id must be lower-case letters, digits and single hyphens, like "basic-care"')
  .max(80, 'id must be 80 characters or fewer');

export const levelNumberSchema = z
  .number({ error: 'level must be 1, 2, 3 or 4' })
  .int('level must be 1, 2, 3 or 4')
  .min(1, 'level must be 1, 2, 3 or 4')
  .max(4, 'level must be 1, 2, 3 or 4');

const dateSchema = z
  .string({ error: 'date must be written as YYYY-MM-DD, like 2026-04-01' })
  .regex(DATE_PATTERN, 'date must be written as YYYY-MM-DD, like 2026-04-01');

export const versionSchema = z
  .string({ error: 'version must be written like 1.2.0 (in quotes if YAML reads it as a number)' })
  .regex(/^\d+\.\d+\.\d+$/, 'version must be written like 1.2.0');

export const ageBandSchema = z.strictObject({
  id: idSchema,
  label: text('label', 80),
  description: text('description').optional(),
});

export const themeSchema = z.strictObject({
  id: idSchema,
  title: text('title', 120),
  guidance: text('guidance').optional(),
});

export const contactSchema = z.strictObject({
  id: idSchema,
  name: text('name', 160),
  phone: text('phone', 80).optional(),
  email: text('email', 160).optional(),
  url: text('url', 300).optional(),
  hours: text('hours', 200).optional(),
  note: text('note').optional(),
  /** True where the detail comes from public sources and the partnership has not yet confirmed it. */
  verify: z.boolean({ error: 'verify must be true or false' }).default(false),
});

export const serviceOfferSchema = z.strictObject({
  service: text('service', 160),
  description: text('description'),
});

const offerList = z
  .array(serviceOfferSchema, { error: 'offer must be a list of services' })
  .min(1, 'offer must list at least one service for this level');
const nextStepList = z
  .array(text('next step'), { error: 'nextSteps must be a list' })
  .min(1, 'nextSteps must list at least one step');
const contactIdList = z.array(idSchema, { error: 'contacts must be a list of contact ids' });

/** The two statutory routes at level 4: section 17 needs the family's consent, section 47 does not. */
export const ROUTE_IDS = ['child-in-need', 'significant-harm'] as const;
export type RouteId = (typeof ROUTE_IDS)[number];
export const routeIdSchema = z.enum(ROUTE_IDS, { error: 'route must be child-in-need or significant-harm' });

/** A level-4 route's own text; fields left out are taken from the level. */
export const routeSchema = z.strictObject({
  title: text('title', 160),
  whoLeads: text('whoLeads').optional(),
  consent: text('consent'),
  nextSteps: nextStepList.optional(),
  offer: offerList.optional(),
  contacts: contactIdList.optional(),
});

/** A level's response for particular age bands (young adults, say), replacing the level's own. */
export const ageBandResponseSchema = z.strictObject({
  ageBands: z.array(idSchema, { error: 'ageBands must be a list of age band ids' }).min(1, 'ageBands must name at least one age band'),
  name: text('name', 120).optional(),
  summary: text('summary').optional(),
  whoLeads: text('whoLeads'),
  consent: text('consent'),
  offer: offerList,
  nextSteps: nextStepList,
  contacts: contactIdList,
});

export const levelSchema = z.strictObject({
  level: levelNumberSchema,
  name: text('name', 120),
  summary: text('summary'),
  whoLeads: text('whoLeads'),
  consent: text('consent'),
  offer: offerList,
  nextSteps: nextStepList,
  contacts: contactIdList.default([]),
  /** Level 4 only: both routes, each with its own consent guidance. */
  routes: z
    .strictObject({ 'child-in-need': routeSchema, 'significant-harm': routeSchema })
    .optional(),
  forAgeBands: z.array(ageBandResponseSchema).optional(),
});

export const immediateRiskResponseSchema = z.strictObject({
  heading: text('heading', 160),
  steps: z.array(text('step')).min(1, 'steps must list at least one thing to do now'),
  contacts: z.array(idSchema).min(1, 'contacts must name at least one contact to call'),
});

const indicatorShape = {
  id: idSchema,
  level: levelNumberSchema,
  text: text('text', 600),
  ageBands: z
    .array(idSchema, { error: 'ageBands must be a list of age band ids' })
    .min(1, 'ageBands must name at least one age band'),
  immediateRisk: z.boolean({ error: 'immediateRisk must be true or false' }).default(false),
  guidance: text('guidance').optional(),
};

/** An indicator as the writing group writes it: its themes come from its concern. */
export const indicatorSourceSchema = z.strictObject({
  ...indicatorShape,
  concern: idSchema,
  /** Required at level 4, not allowed below. */
  route: routeIdSchema.optional(),
});

export const subDomainSourceSchema = z.strictObject({
  id: idSchema,
  title: text('title', 160),
  indicators: z.array(indicatorSourceSchema).min(1, 'indicators must list at least one indicator'),
});

/** One YAML file per domain, its indicators grouped under sub-domains for the writing group. */
export const domainFileSchema = z.strictObject({
  id: idSchema,
  title: text('title', 160),
  summary: text('summary'),
  subDomains: z.array(subDomainSourceSchema).min(1, 'subDomains must list at least one sub-domain'),
});

const countConditionSchema = z.strictObject({
  atLeast: z.number().int().min(1, 'atLeast must be a whole number of 1 or more'),
  /** Count only concerns whose highest chosen level is this level or higher. */
  minLevel: levelNumberSchema.optional(),
  /** Count only concerns tagged with any of these themes. */
  themes: z.array(idSchema).min(1).optional(),
  /** Count only concerns whose home domain is this one. */
  domain: idSchema.optional(),
  /** The counted concerns must come from at least this many different home domains. */
  acrossDomains: z.number().int().min(1, 'acrossDomains must be a whole number of 1 or more').optional(),
  /** This many of the listed themes must each be matched to a different counted concern. */
  acrossThemes: z.number().int().min(1, 'acrossThemes must be a whole number of 1 or more').optional(),
});

/** Every condition given must hold. All conditions only grow as indicators are added, so a rule never lowers a level. */
export const ruleConditionSchema = z
  .strictObject({
    anyImmediateRisk: z.literal(true, { error: 'anyImmediateRisk can only be true' }).optional(),
    count: countConditionSchema.optional(),
    allOf: z.array(idSchema).min(1).optional(),
    anyOf: z.array(idSchema).min(1).optional(),
    ageBands: z.array(idSchema).min(1).optional(),
  })
  .refine((when) => when.anyImmediateRisk ?? when.count ?? when.allOf ?? when.anyOf, {
    message: 'when must give at least one of anyImmediateRisk, count, allOf or anyOf',
  });

export const ruleSchema = z.strictObject({
  id: idSchema,
  title: text('title', 160),
  explanation: text('explanation'),
  when: ruleConditionSchema,
  then: z.strictObject({
    level: levelNumberSchema,
    immediateRisk: z.boolean().default(false),
    /** Required when the level is 4. */
    route: routeIdSchema.optional(),
  }),
});

/** A concern is one situation, declared once; its indicators are its ladder, at most one per level. */
export const concernSchema = z.strictObject({
  id: idSchema,
  title: text('title', 200),
  /** The first is the domain file holding its indicators; others also show it. */
  domains: z.array(idSchema, { error: 'domains must be a list of domain ids' }).min(1, 'domains must name at least one domain'),
  themes: z.array(idSchema, { error: 'themes must be a list of theme ids' }).default([]),
  /** Practitioners' own words for the concern, used by search. */
  keywords: z.array(text('keyword', 80), { error: 'keywords must be a list of words' }).default([]),
  contacts: contactIdList.default([]),
});

export const agencySchema = z.strictObject({
  id: idSchema,
  name: text('name', 160),
});

export const afterSendingSchema = z.strictObject({
  decisionWithin: text('decisionWithin', 120),
  whatHappensNext: z.array(text('step')).min(1, 'whatHappensNext must list at least one step'),
});

/** An id that was published and is no longer live. Ids are never reused. */
export const retiredIndicatorSchema = z.strictObject({
  id: idSchema,
  replacedBy: idSchema.optional(),
  since: versionSchema,
  reason: text('reason'),
});

export const changelogEntrySchema = z.strictObject({
  version: versionSchema,
  date: dateSchema,
  changes: z.array(text('change')).min(1, 'changes must list at least one change'),
});

const documentMetadataShape = {
  id: idSchema,
  title: text('title', 200),
  area: text('area', 120),
  publisher: text('publisher', 200),
  version: versionSchema,
  effectiveDate: dateSchema,
  status: z.enum(['draft', 'approved', 'withdrawn'], { error: 'status must be draft, approved or withdrawn' }),
  statusNote: text('statusNote'),
  unverified: z.array(text('unverified item')).default([]),
  advisory: text('advisory'),
  retentionDays: z.number().int().min(1).max(3650).default(30),
  changelog: z.array(changelogEntrySchema).min(1, 'changelog must have at least one entry'),
  ageBands: z.array(ageBandSchema).min(1, 'ageBands must list at least one age band'),
  themes: z.array(themeSchema).default([]),
  contacts: z.array(contactSchema).min(1, 'contacts must list at least one contact'),
  levels: z.array(levelSchema).min(2, 'levels must list at least two levels').max(4, 'levels must list at most four levels'),
  immediateRisk: immediateRiskResponseSchema,
  rules: z.array(ruleSchema).default([]),
  afterSending: afterSendingSchema.optional(),
  retired: z.array(retiredIndicatorSchema).default([]),
};

/** `document.yaml`: everything but the indicators, and the order of the domain files. */
export const documentFileSchema = z.strictObject({
  ...documentMetadataShape,
  agencies: z.array(agencySchema).min(1, 'agencies must list at least one agency'),
  concerns: z.array(concernSchema).min(1, 'concerns must list at least one concern'),
  domains: z
    .array(idSchema, { error: 'domains must list the domain files by id, in order' })
    .min(1, 'domains must list at least one domain file'),
});

/**
 * A compiled indicator. `themes` are copied from its concern so older readers keep working;
 * `concern` and `route` are absent in documents published before concerns existed (0.1.0), where
 * each indicator counts as its own concern.
 */
export const indicatorSchema = z.strictObject({
  ...indicatorShape,
  themes: z.array(idSchema).default([]),
  concern: idSchema.optional(),
  route: routeIdSchema.optional(),
  domain: idSchema,
  subDomain: idSchema,
});

export const domainSchema = z.strictObject({
  id: idSchema,
  title: text('title', 160),
  summary: text('summary'),
  subDomains: z.array(z.strictObject({ id: idSchema, title: text('title', 160) })),
  indicators: z.array(indicatorSchema),
});

/** The compiled document: what the app ships, the server re-checks with, and the CLI exports. */
export const thresholdsDocumentSchema = z.strictObject({
  ...documentMetadataShape,
  agencies: z.array(agencySchema).default([]),
  concerns: z.array(concernSchema).default([]),
  domains: z.array(domainSchema).min(1),
});

export type AgeBand = z.infer<typeof ageBandSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type ServiceOffer = z.infer<typeof serviceOfferSchema>;
export type Level = z.infer<typeof levelSchema>;
export type ImmediateRiskResponse = z.infer<typeof immediateRiskResponseSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Route = z.infer<typeof routeSchema>;
export type AgeBandResponse = z.infer<typeof ageBandResponseSchema>;
export type Concern = z.infer<typeof concernSchema>;
export type Agency = z.infer<typeof agencySchema>;
export type RetiredIndicator = z.infer<typeof retiredIndicatorSchema>;
export type RuleCondition = z.infer<typeof ruleConditionSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Domain = z.infer<typeof domainSchema>;
export type DomainFile = z.infer<typeof domainFileSchema>;
export type DocumentFile = z.infer<typeof documentFileSchema>;
export type ThresholdsDocument = z.infer<typeof thresholdsDocumentSchema>;
