/**
 * The admin commands (`npm run admin -- <command>`, see admin.ts): devices, front-door staff and
 * retention, on the database the server's settings name (DATA_DIR or DATABASE_URL).
 *
 * Each command is one entry in ADMIN_COMMANDS (its usage, its parseArgs options and what it
 * does; see admin/command.ts). Exit codes: 0 done, 1 could not be done (e.g. no such device),
 * 2 the command was mistyped or the settings are wrong. Messages go to stderr, never with a
 * stack trace.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from './config.ts';
import { safeError } from './http/logging.ts';
import { DatabaseSetupError } from './store/database.ts';
import { CommandFailed, UsageError, type AdminCommand, type AdminIo } from './admin/command.ts';
import { backupCommand, restoreCommand } from './admin/backup-commands.ts';
import { rulesImpactCommand } from './admin/rules-impact.ts';
import { seedDemoCommand } from './admin/seed-demo.ts';
import { enrolDevice, listDevicesCommand, revokeDeviceCommand } from './admin/device-commands.ts';
import {
  addUser,
  disableUserCommand,
  listUsersCommand,
  purgeSubmissionsCommand,
  unlockUserCommand,
} from './admin/staff-commands.ts';

export type { AdminIo } from './admin/command.ts';

/** One entry per command, in the order `help` lists them. */
const ADMIN_COMMANDS: Readonly<Record<string, AdminCommand>> = {
  'enrol-device': enrolDevice,
  'revoke-device': revokeDeviceCommand,
  'list-devices': listDevicesCommand,
  'add-user': addUser,
  'list-users': listUsersCommand,
  'disable-user': disableUserCommand,
  'unlock-user': unlockUserCommand,
  'purge-submissions': purgeSubmissionsCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'rules-impact': rulesImpactCommand,
  'seed-demo': seedDemoCommand,
};

// The same usage for both ways in: a deployed server has only the compiled CLI (admin:production).
const USAGE = `Usage: npm run admin:production -- <command>\n       (npm run admin -- <command> in a development checkout)\n\n${Object.values(
  ADMIN_COMMANDS,
)
  .flatMap((command) => command.usage)
  .map((line) => `  ${line}\n`)
  .join('')}`;

/** parseArgs says what went wrong in its own words; these say it in ours. */
function explainParseError(name: string, error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`${name} has no option ${option}.`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(`Give a value after ${option}, e.g. ${option}=value.`);
  }
  return new UsageError(`The arguments to ${name} could not be read.`);
}

async function run(argv: readonly string[], io: AdminIo): Promise<void> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help') {
    io.stdout.write(USAGE);
    return;
  }
  if (!name) throw new UsageError('Name a command.');
  const command = Object.hasOwn(ADMIN_COMMANDS, name) ? ADMIN_COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`There is no command "${name}".`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: command.options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    throw explainParseError(name, error);
  }
  await command.run({ positionals: parsed.positionals, values: parsed.values, io });
}

/** Runs one admin command; resolves to the process's exit code. Never throws. */
export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof CommandFailed || error instanceof DatabaseSetupError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    io.stderr.write(`The command failed: ${safeError(error).message}\n`);
    return 1;
  }
}
