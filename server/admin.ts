/** `npm run admin -- <command>`: see admin-cli.ts. */
import { runAdmin } from './admin-cli.ts';

process.exitCode = await runAdmin(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
