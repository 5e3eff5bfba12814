/**
 * Loads the writing group's folders: `document.yaml`, one YAML file per domain and the worked
 * cases in `cases/`. Every problem comes back as `file:line:col message`; a document is returned
 * only when it has none.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { assembleDocument } from '../../src/domain/thresholds/assemble.ts';
import { checkWorkedCase } from '../../src/domain/thresholds/check-worked-case.ts';
import { crossCheck, type DomainSource } from '../../src/domain/thresholds/cross-check.ts';
import { similarTextWarnings } from '../../src/domain/thresholds/similar-texts.ts';
import { describeIssues, type SourceProblem } from '../../src/domain/thresholds/problem.ts';
import { documentFileSchema, domainFileSchema, thresholdsDocumentSchema, type ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import { workedCaseSchema, type WorkedCase } from '../../src/domain/thresholds/worked-case-schema.ts';
import { checkAgainstPublished, readPublished, type PublishedFile } from './published.ts';
import { readYamlSource, type Located, type YamlSource } from './yaml-source.ts';

export const DOCUMENT_FILE = 'document.yaml';
export const CASES_FOLDER = 'cases';

export interface LoadedDocument {
  folder: string;
  document?: ThresholdsDocument;
  cases: { file: string; workedCase: WorkedCase }[];
  problems: Located[];
  /** The versions frozen under `published/`, oldest first. */
  published: PublishedFile[];
  /** Things the writing group should look at that do not stop the document being used. */
  warnings: Located[];
}

/** Paths are shown relative to where the user ran the command (npm moves the working folder). */
function shown(file: string): string {
  const relative = path.relative(process.env.INIT_CWD ?? process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : path.resolve(file);
}

/** A folder holding `document.yaml` is one document; otherwise each such sub-folder is. */
export async function findDocumentFolders(root: string): Promise<string[]> {
  if (existsSync(path.join(root, DOCUMENT_FILE))) return [root];
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, DOCUMENT_FILE)))
    .map((entry) => path.join(root, entry.name))
    .sort();
}

function locateAll(sources: ReadonlyMap<string, YamlSource>, problems: readonly SourceProblem[]): Located[] {
  return problems.map((problem) => {
    const source = sources.get(problem.file);
    const { line, col } = source ? source.locate(problem.path, problem.atKey) : { line: 1, col: 1 };
    return { file: problem.file, line, col, message: problem.message };
  });
}

export async function loadDocumentFolder(folder: string, { withCases = true } = {}): Promise<LoadedDocument> {
  const sources = new Map<string, YamlSource>();
  const read = async (file: string) => {
    const source = await readYamlSource(file, shown(file));
    sources.set(source.file, source);
    return source;
  };
  const result: LoadedDocument = { folder, cases: [], problems: [], published: [], warnings: [] };
  const fail = (problems: readonly SourceProblem[]) => {
    result.problems.push(...locateAll(sources, problems));
    return result;
  };

  const documentSource = await read(path.join(folder, DOCUMENT_FILE));
  if (documentSource.syntaxProblems.length) {
    result.problems.push(...documentSource.syntaxProblems);
    return result;
  }
  const parsedDocument = documentFileSchema.safeParse(documentSource.data, { reportInput: true });
  if (!parsedDocument.success) return fail(describeIssues(documentSource.file, parsedDocument.error.issues));
  const documentFile = parsedDocument.data;
  if (documentFile.id !== path.basename(folder)) {
    return fail([{ file: documentSource.file, path: ['id'], message: `id must match the folder name "${path.basename(folder)}" (found "${documentFile.id}")` }]);
  }

  const domains: DomainSource[] = [];
  const problems: SourceProblem[] = [];
  for (const [index, id] of documentFile.domains.entries()) {
    const file = path.join(folder, `${id}.yaml`);
    if (!existsSync(file)) {
      problems.push({ file: documentSource.file, path: ['domains', index], message: `there is no file ${id}.yaml beside document.yaml for the domain "${id}"` });
      continue;
    }
    const source = await read(file);
    if (source.syntaxProblems.length) {
      result.problems.push(...source.syntaxProblems);
      continue;
    }
    const parsed = domainFileSchema.safeParse(source.data, { reportInput: true });
    if (parsed.success) domains.push({ file: source.file, data: parsed.data });
    else problems.push(...describeIssues(source.file, parsed.error.issues));
  }
  if (problems.length || result.problems.length) return fail(problems);

  const crossProblems = crossCheck(documentSource.file, documentFile, domains);
  if (crossProblems.length) return fail(crossProblems);
  result.warnings.push(...locateAll(sources, similarTextWarnings(domains)));

  const document = thresholdsDocumentSchema.parse(assembleDocument(documentFile, domains));
  const published = await readPublished(folder, documentFile.id, read);
  result.problems.push(...published.unreadable);
  const publishedProblems = [...published.problems, ...checkAgainstPublished(documentSource.file, documentFile, document, published.versions)];
  if (publishedProblems.length || result.problems.length) return fail(publishedProblems);
  result.published = published.versions;
  const caseProblems: SourceProblem[] = [];
  const casesFolder = path.join(folder, CASES_FOLDER);
  const caseFiles = withCases && existsSync(casesFolder) ? (await readdir(casesFolder)).filter((name) => name.endsWith('.yaml')).sort() : [];
  for (const name of caseFiles) {
    const source = await read(path.join(casesFolder, name));
    if (source.syntaxProblems.length) {
      result.problems.push(...source.syntaxProblems);
      continue;
    }
    const parsed = workedCaseSchema.safeParse(source.data, { reportInput: true });
    if (!parsed.success) {
      caseProblems.push(...describeIssues(source.file, parsed.error.issues));
      continue;
    }
    result.cases.push({ file: source.file, workedCase: parsed.data });
    caseProblems.push(...checkWorkedCase(document, source.file, parsed.data));
  }
  if (caseProblems.length || result.problems.length) return fail(caseProblems);
  result.document = document;
  return result;
}

export async function loadDocuments(root: string, options: { withCases?: boolean } = {}): Promise<LoadedDocument[]> {
  const folders = await findDocumentFolders(root);
  return Promise.all(folders.map((folder) => loadDocumentFolder(folder, options)));
}

export const formatLocated = (problem: Located) => `${problem.file}:${problem.line}:${problem.col} ${problem.message}`;
