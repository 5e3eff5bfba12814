import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeImportProblems } from '../../scripts/build/runtime-imports.ts';
import { compileServer } from '../../scripts/build/server-build.ts';
import { SPAWNS_PROCESSES } from '../loaded-machine.ts';

const folders: string[] = [];
function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'lon-server-build-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function writeBuiltFile(outDir: string, file: string, text: string) {
  mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
  writeFileSync(path.join(outDir, file), text);
}

describe('the server as npm run build compiles it', SPAWNS_PROCESSES, () => {
  it('holds the server, the admin CLI and the inbox assets, and imports nothing a production install leaves out', () => {
    const outDir = temporaryFolder();
    // compileServer throws, naming each import, if any points into devDependencies, tests/ or scripts/.
    compileServer(outDir);
    for (const file of ['server/main.js', 'server/admin.js', 'server/inbox/assets/inbox.css']) {
      expect(existsSync(path.join(outDir, file)), file).toBe(true);
    }
  });
});

describe('the check on what the compiled server imports', () => {
  it('names each import of a devDependency, a missing file, or code from outside server/ and src/domain/', () => {
    const outDir = temporaryFolder();
    writeBuiltFile(
      outDir,
      'server/app.js',
      [
        "import { z } from 'zod';",
        "import fastifyStatic from '@fastify/static/index.js';",
        "import { readFile } from 'node:fs/promises';",
        "import path from 'path';",
        "import { assess } from '../src/domain/assess.js';",
        "import { expect } from 'vitest';",
        "export { startServerProcess } from '../scripts/harness/server-process.js';",
        "const yaml = await import('yaml');",
        "import { gone } from './gone.js';",
      ].join('\n'),
    );
    writeBuiltFile(outDir, 'src/domain/assess.js', 'export const assess = () => 1;\n');
    writeBuiltFile(outDir, 'scripts/harness/server-process.js', 'export const startServerProcess = 1;\n');

    expect(runtimeImportProblems(outDir, { zod: '4', '@fastify/static': '10' }).sort()).toEqual(
      [
        'scripts/harness/server-process.js is in the build, but the server may run only code from server/ and src/domain/.',
        'server/app.js imports vitest, which is not in package.json\'s "dependencies": `npm ci --omit=dev` leaves it out.',
        'server/app.js imports yaml, which is not in package.json\'s "dependencies": `npm ci --omit=dev` leaves it out.',
        'server/app.js imports ./gone.js, which is not in the build.',
      ].sort(),
    );
  });
});
