/**
 * Compiles the intake server and its admin CLI (with the parts of src/domain they import) to plain
 * JavaScript, as tsconfig.server.json says, so that a deployment runs `node` on production
 * dependencies alone. Types are `npm run typecheck`'s job: this only transpiles (noCheck), which
 * takes seconds rather than a full check. Files the server reads beside its own modules
 * (server/inbox/assets) are copied across, so `import.meta.url` finds them from the output too.
 */
import { cpSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { runtimeImportProblems } from './runtime-imports.ts';

interface PackageJson {
  dependencies: Record<string, string>;
}

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG_FILE = path.join(PROJECT_ROOT, 'tsconfig.server.json');
/** Where `npm run build` puts the server; `npm run serve` runs `dist-server/server/main.js`. */
export const SERVER_OUT_DIR = path.join(PROJECT_ROOT, 'dist-server');

function describe(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => PROJECT_ROOT,
    getNewLine: () => '\n',
  });
}

/**
 * Empties `outDir` and compiles into it; returns the files written. Throws on a syntax or config
 * error, or when the output imports what a production install leaves out (runtime-imports.ts).
 */
export function compileServer(outDir = SERVER_OUT_DIR): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    CONFIG_FILE,
    { outDir, noCheck: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(describe([diagnostic]));
      },
    },
  );
  if (!parsed) throw new Error(`${CONFIG_FILE} could not be read.`);
  rmSync(outDir, { recursive: true, force: true });
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const written: string[] = [];
  const result = program.emit(undefined, (file, text, writeByteOrderMark) => {
    ts.sys.writeFile(file, text, writeByteOrderMark);
    written.push(file);
  });
  const problems = [
    ...parsed.errors,
    ...program.getOptionsDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...result.diagnostics,
  ];
  if (problems.length || result.emitSkipped) throw new Error(`The server did not compile:\n${describe(problems)}`);

  const dependencies = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as PackageJson)
    .dependencies;
  const importProblems = runtimeImportProblems(outDir, dependencies);
  if (importProblems.length) {
    throw new Error(`The compiled server would not run on production dependencies:\n${importProblems.join('\n')}`);
  }

  const serverSource = path.join(PROJECT_ROOT, 'server');
  cpSync(serverSource, path.join(outDir, 'server'), {
    recursive: true,
    filter: (source) => statSync(source).isDirectory() || !source.endsWith('.ts'),
  });
  return written;
}
