/**
 * What the compiled server may import at run time: its own files and src/domain's, Node's
 * built-ins, and the packages in package.json's "dependencies". Anything else (a devDependency,
 * tests/, scripts/, the app's UI) is missing after `npm ci --omit=dev`, and the deployed server
 * would fail on its first start. `npm run build` refuses such an output, and a test proves it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/** Folders of the build output the server may run code from (relative to dist-server/). */
const ALLOWED_FOLDERS = ['server/', 'src/domain/'];

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(packageName(specifier));
}

/** One sentence per import in `outDir` that would fail, or run code that should not ship. */
export function runtimeImportProblems(outDir: string, dependencies: Record<string, string>): string[] {
  const problems: string[] = [];
  const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file.endsWith('.js'));
  for (const file of files) {
    if (!ALLOWED_FOLDERS.some((folder) => file.startsWith(folder))) {
      problems.push(`${file} is in the build, but the server may run only code from ${ALLOWED_FOLDERS.join(' and ')}.`);
    }
    const source = readFileSync(path.join(outDir, file), 'utf8');
    for (const { fileName: specifier } of ts.preProcessFile(source, true, true).importedFiles) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(path.join(outDir, file)), specifier);
        if (!target.startsWith(path.resolve(outDir) + path.sep) || !existsSync(target)) {
          problems.push(`${file} imports ${specifier}, which is not in the build.`);
        }
      } else if (!isBuiltin(specifier) && !(packageName(specifier) in dependencies)) {
        problems.push(
          `${file} imports ${specifier}, which is not in package.json's "dependencies": \`npm ci --omit=dev\` leaves it out.`,
        );
      }
    }
  }
  return problems;
}
