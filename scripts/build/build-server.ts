/** `npm run build`'s second half: the intake server as plain JavaScript in dist-server/ (see server-build.ts). */
import path from 'node:path';
import { compileServer, SERVER_OUT_DIR } from './server-build.ts';

try {
  const files = compileServer();
  process.stderr.write(
    `compiled the server into ${path.relative(process.cwd(), SERVER_OUT_DIR)}/ (${files.length} files)\n`,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
