/**
 * The thresholds CLI. Other tools depend on this contract: JSON on stdout, messages on stderr,
 * exit 0 on success, 1 when a document is invalid, 2 for an unknown id or bad input. Never a
 * stack trace. A document is named `<id>` (the working copy), `<id>@<version>` (a published
 * version) or, where it says so, by a folder.
 *
 *   check [dir]                      validate every document (and run its worked cases)
 *   list                             [{"id","title","version","published"}]
 *   export <doc>                     the compiled document, each indicator with its concern
 *   assess <doc> <answers.json|->    the engine's suggestion for {"ageBand","indicators"},
 *                                    or an array of suggestions for an array of answers
 *   publish <id>                     freeze the working copy as published/<version>.json
 *   search <doc> <query>             [{"id","level","text","score"}], best first, as the app finds them
 *   diff <old> <new> [--text]        what a revision changes (each side a doc or a folder), and
 *                                    the worked cases whose level or immediate risk changes
 */
import { z } from 'zod';
import { answersSchema, type Answers } from '../src/domain/answers.ts';
import { AnswersError, assess } from '../src/domain/engine/assess.ts';
import { withConcerns } from '../src/domain/thresholds/concerns.ts';
import { diffDocuments } from '../src/domain/thresholds/diff.ts';
import { searchIndicatorHits } from '../src/domain/thresholds/search.ts';
import { formatLocated, loadDocuments } from '../server/thresholds/load-documents.ts';
import {
  CliError,
  fromUser,
  printJson,
  readInput,
  resolveDocument,
  THRESHOLDS_ROOT,
  validDocuments,
} from './thresholds/cli-support.ts';
import { diffText } from './thresholds/diff-text.ts';
import { publish } from './thresholds/publish.ts';

const USAGE =
  'usage: thresholds check [dir] | list | export <id[@version]> | assess <id[@version]> <answers.json | -> | publish <id> | search <id[@version]> <query> | diff <old> <new> [--text]';
const ANSWERS_SHAPE = '{"ageBand": "…", "indicators": ["…"]}';

async function readAnswers(source: string | undefined) {
  if (!source) throw new CliError(USAGE, 2);
  const text = await readInput(source, 'answers');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`the answers are not valid JSON: expected ${ANSWERS_SHAPE}, or a list of them`, 2);
  }
  const parsed = z.union([answersSchema, z.array(answersSchema)]).safeParse(json);
  if (!parsed.success) {
    const single = Array.isArray(json) ? z.array(answersSchema).safeParse(json) : answersSchema.safeParse(json);
    const issue = single.error?.issues[0] ?? parsed.error.issues[0];
    throw new CliError(
      `the answers do not fit ${ANSWERS_SHAPE}: ${issue?.path.join('.') || 'answers'} ${issue?.message ?? ''}`,
      2,
    );
  }
  return parsed.data;
}

async function run(args: readonly string[]): Promise<void> {
  const [command, first, second, ...rest] = args;
  switch (command) {
    case 'check': {
      const root = first ? fromUser(first) : THRESHOLDS_ROOT;
      const loaded = await loadDocuments(root).catch(() => {
        throw new CliError(`cannot read the folder "${first ?? root}"`, 1);
      });
      if (!loaded.length) throw new CliError(`no documents found in "${first ?? root}": each needs a document.yaml`, 1);
      const warnings = loaded.flatMap((entry) => entry.warnings);
      if (warnings.length) process.stderr.write(`${warnings.map(formatLocated).join('\n')}\n`);
      const problems = loaded.flatMap((entry) => entry.problems);
      if (problems.length) throw new CliError(problems.map(formatLocated).join('\n'), 1);
      const cases = loaded.reduce((sum, entry) => sum + entry.cases.length, 0);
      const published = loaded.reduce((sum, entry) => sum + entry.published.length, 0);
      process.stderr.write(
        `${loaded.length} document(s) valid; ${cases} worked case(s) give the expected level and reasons; ${published} published version(s) unchanged\n`,
      );
      return;
    }
    case 'list':
      printJson(
        (await validDocuments())
          .flatMap((entry) => (entry.document ? [{ ...entry, document: entry.document }] : []))
          .map(({ document: { id, title, version }, published }) => ({
            id,
            title,
            version,
            published: published.map((p) => p.version),
          })),
      );
      return;
    case 'export':
      printJson(withConcerns((await resolveDocument(first, USAGE)).document));
      return;
    case 'assess': {
      const { document } = await resolveDocument(first, USAGE);
      const answers = await readAnswers(second);
      const assessOne = (each: Answers, where: string) => {
        try {
          return assess(document, each);
        } catch (error) {
          if (error instanceof AnswersError) throw new CliError(`${where}${error.message}`, 2);
          throw error;
        }
      };
      printJson(
        Array.isArray(answers)
          ? answers.map((each, index) => assessOne(each, `answers ${index + 1}: `))
          : assessOne(answers, ''),
      );
      return;
    }
    case 'publish':
      if (!first) throw new CliError(USAGE, 2);
      process.stderr.write(`${await publish(first)}\n`);
      return;
    case 'diff': {
      const sides = args.slice(1).filter((arg) => arg !== '--text');
      if (sides.length !== 2) throw new CliError(USAGE, 2);
      const [before, after] = await Promise.all(sides.map((side) => resolveDocument(side, USAGE, true)));
      if (!before || !after) throw new CliError(USAGE, 2);
      // The new side's cases say what the revision expects; the old side's serve when it has none.
      const diff = diffDocuments(before.document, after.document, after.cases.length ? after.cases : before.cases);
      if (args.includes('--text')) process.stdout.write(diffText(diff));
      else printJson(diff);
      return;
    }
    case 'search': {
      const query = [second, ...rest].join(' ').trim();
      if (!query) throw new CliError(USAGE, 2);
      const { document } = await resolveDocument(first, USAGE);
      printJson(
        searchIndicatorHits(document, query).map(({ indicator: { id, level, text }, score }) => ({
          id,
          level,
          text,
          score,
        })),
      );
      return;
    }
    default:
      throw new CliError(USAGE, 2);
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(
      `thresholds: something went wrong that is not your input's fault: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 3;
  }
});
