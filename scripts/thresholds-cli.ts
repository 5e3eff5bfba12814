/**
 * The thresholds CLI. Other tools depend on this contract: JSON on stdout, messages on stderr,
 * exit 0 on success, 1 when a document is invalid, 2 for an unknown id or bad input. Never a
 * stack trace.
 *
 *   check [dir]                    validate every document (and run its worked cases)
 *   list                           [{"id","title","version"}]
 *   export <id>                    the compiled document
 *   assess <id> <answers.json|->   the engine's suggestion for {"ageBand","indicators"}
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answersSchema } from '../src/domain/answers.ts';
import { AnswersError, assess } from '../src/domain/engine/assess.ts';
import { formatLocated, loadDocuments } from './thresholds/load-documents.ts';

const THRESHOLDS_ROOT = fileURLToPath(new URL('../thresholds', import.meta.url));
const USAGE = 'usage: thresholds check [dir] | list | export <id> | assess <id> <answers.json | ->';

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function validDocuments(root = THRESHOLDS_ROOT) {
  const loaded = await loadDocuments(root, { withCases: false });
  const problems = loaded.flatMap((entry) => entry.problems);
  if (problems.length) throw new CliError(problems.map(formatLocated).join('\n'), 1);
  return loaded.flatMap((entry) => entry.document ?? []);
}

async function findDocument(id: string | undefined) {
  if (!id) throw new CliError(USAGE, 2);
  const document = (await validDocuments()).find((candidate) => candidate.id === id);
  if (!document) throw new CliError(`unknown document "${id}"`, 2);
  return document;
}

async function readAnswers(source: string | undefined) {
  if (!source) throw new CliError(USAGE, 2);
  let text: string;
  try {
    text =
      source === '-' ? await readStdin() : await readFile(path.resolve(process.env.INIT_CWD ?? '.', source), 'utf8');
  } catch {
    throw new CliError(`cannot read the answers file "${source}"`, 2);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError('the answers are not valid JSON: expected {"ageBand": "…", "indicators": ["…"]}', 2);
  }
  const parsed = answersSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `the answers do not fit {"ageBand": "…", "indicators": ["…"]}: ${issue?.path.join('.') || 'answers'} ${issue?.message ?? ''}`,
      2,
    );
  }
  return parsed.data;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function run(args: readonly string[]): Promise<void> {
  const [command, first, second] = args;
  switch (command) {
    case 'check': {
      const root = first ? path.resolve(process.env.INIT_CWD ?? '.', first) : THRESHOLDS_ROOT;
      const loaded = await loadDocuments(root).catch(() => {
        throw new CliError(`cannot read the folder "${first ?? root}"`, 1);
      });
      if (!loaded.length)
        throw new CliError(`no documents found in "${first ?? root}": each needs a ${'document.yaml'}`, 1);
      const warnings = loaded.flatMap((entry) => entry.warnings);
      if (warnings.length) process.stderr.write(`${warnings.map(formatLocated).join('\n')}\n`);
      const problems = loaded.flatMap((entry) => entry.problems);
      if (problems.length) throw new CliError(problems.map(formatLocated).join('\n'), 1);
      const cases = loaded.reduce((sum, entry) => sum + entry.cases.length, 0);
      process.stderr.write(
        `${loaded.length} document(s) valid; ${cases} worked case(s) give the expected level and reasons\n`,
      );
      return;
    }
    case 'list':
      printJson((await validDocuments()).map(({ id, title, version }) => ({ id, title, version })));
      return;
    case 'export':
      printJson(await findDocument(first));
      return;
    case 'assess': {
      const document = await findDocument(first);
      const answers = await readAnswers(second);
      try {
        printJson(assess(document, answers));
      } catch (error) {
        if (error instanceof AnswersError) throw new CliError(error.message, 2);
        throw error;
      }
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
