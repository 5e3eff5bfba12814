/**
 * `npm run admin -- rules-impact <id>@<version|folder>`: before a revision of the rules is
 * approved, re-assesses every stored referral for that document on the given rules and counts
 * how many would get another suggested level, by level pair and by agency. Reads only: nothing
 * stored changes, and no referral's content is printed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { AnswersError, assess } from '../../src/domain/engine/assess.ts';
import type { ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { UsageError, withDatabase, type AdminCommand } from './command.ts';
import { loadDocumentRegistry } from '../documents.ts';
import type { Tables } from '../store/schema.ts';
import { DOCUMENT_FILE, formatLocated, loadDocumentFolder } from '../thresholds/load-documents.ts';

const PAGE_SIZE = 500;
const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;

export interface RulesImpact {
  rules: { id: string; version: string };
  referrals: number;
  sameLevel: number;
  otherLevel: number;
  /** Referrals whose answers the given rules cannot assess (an indicator gone with no replacement, say). */
  doesNotFit: number;
  /** Stored suggestion → the level on the given rules. */
  byLevelPair: { from: number; to: number; referrals: number }[];
  byAgency: { agency: string; referrals: number; otherLevel: number; doesNotFit: number }[];
}

/** Re-assesses every stored referral for the document's id on the document. */
export async function rulesImpact(db: Kysely<Tables>, document: ThresholdsDocument): Promise<RulesImpact> {
  const replacements = new Map(
    document.retired.flatMap((entry) => (entry.replacedBy ? [[entry.id, entry.replacedBy] as const] : [])),
  );
  const pairs = new Map<string, { from: number; to: number; referrals: number }>();
  const agencies = new Map<string, { agency: string; referrals: number; otherLevel: number; doesNotFit: number }>();
  const impact: RulesImpact = {
    rules: { id: document.id, version: document.version },
    referrals: 0,
    sameLevel: 0,
    otherLevel: 0,
    doesNotFit: 0,
    byLevelPair: [],
    byAgency: [],
  };
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('submissions')
      .select(['id', 'agency', 'age_band', 'engine_level', 'payload'])
      .where('document_id', '=', document.id)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE_SIZE)
      .execute();
    for (const row of rows) {
      const agency = agencies.get(row.agency) ?? { agency: row.agency, referrals: 0, otherLevel: 0, doesNotFit: 0 };
      agencies.set(row.agency, agency);
      impact.referrals += 1;
      agency.referrals += 1;
      const stored = (JSON.parse(row.payload) as { indicators?: unknown }).indicators;
      const indicators = Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
      let level: number;
      try {
        level = assess(document, {
          ageBand: row.age_band,
          indicators: indicators.map((id) => replacements.get(id) ?? id),
        }).suggestedLevel;
      } catch (error) {
        if (!(error instanceof AnswersError)) throw error;
        impact.doesNotFit += 1;
        agency.doesNotFit += 1;
        continue;
      }
      const from = Number(row.engine_level);
      const key = `${from}>${level}`;
      const pair = pairs.get(key) ?? { from, to: level, referrals: 0 };
      pair.referrals += 1;
      pairs.set(key, pair);
      if (level === from) impact.sameLevel += 1;
      else {
        impact.otherLevel += 1;
        agency.otherLevel += 1;
      }
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE_SIZE) break;
    after = last.id;
  }
  impact.byLevelPair = [...pairs.values()].sort((a, b) => a.from - b.from || a.to - b.to);
  impact.byAgency = [...agencies.values()].sort((a, b) => a.agency.localeCompare(b.agency));
  return impact;
}

/**
 * The rules named `<id>@<version>` (a version the server knows: published or the working copy)
 * or `<id>@<folder>` (a revision not yet published). Throws with a message for the user.
 */
export async function resolveRules(
  reference: string | undefined,
  config: Config,
  cwd = process.env.INIT_CWD ?? process.cwd(),
): Promise<ThresholdsDocument> {
  const at = reference?.indexOf('@') ?? -1;
  if (!reference || at < 1) throw new Error('Name the rules as <id>@<version> or <id>@<folder>, e.g. st-helens@0.2.0');
  const id = reference.slice(0, at);
  const where = reference.slice(at + 1);
  if (VERSION_PATTERN.test(where)) {
    const registry = await loadDocumentRegistry(config.thresholdsDir);
    const document = registry.get(id, where);
    if (!document)
      throw new Error(
        `There is no ${id} ${where}. Known: ${registry
          .list()
          .map((entry) => `${entry.id}@${entry.version}`)
          .join(', ')}`,
      );
    return document;
  }
  const folder = path.resolve(cwd, where);
  if (!existsSync(path.join(folder, DOCUMENT_FILE))) throw new Error(`There is no ${DOCUMENT_FILE} in ${where}.`);
  const loaded = await loadDocumentFolder(folder, { withCases: false });
  if (!loaded.document)
    throw new Error(`The rules in ${where} have problems to fix:\n${loaded.problems.map(formatLocated).join('\n')}`);
  if (loaded.document.id !== id) throw new Error(`The folder ${where} holds ${loaded.document.id}, not ${id}.`);
  return loaded.document;
}

/** The admin command: prints the impact as JSON on stdout, changing nothing. */
export const rulesImpactCommand: AdminCommand = {
  usage: [
    'rules-impact <id>@<version|folder>                count stored referrals whose level other rules would change',
  ],
  async run({ positionals, io }) {
    let document: ThresholdsDocument;
    try {
      document = await resolveRules(positionals[0], loadConfig(io.env));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    await withDatabase(io, async (database) => {
      io.stdout.write(`${JSON.stringify(await rulesImpact(database.db, document), null, 2)}\n`);
    });
  },
};
