/**
 * The admin commands (`npm run admin -- <command>`, see admin.ts): devices, front-door staff and
 * retention, on the database the server's settings name (DATA_DIR or DATABASE_URL).
 *
 *   enrol-device --name "Health visiting tablet 3"   prints a one-time code (the last line, alone)
 *   revoke-device <device-id>                         the device's token stops working at once
 *   list-devices                                      JSON on stdout
 *   add-user <username> [--role triage|admin]         password asked for twice, or read from stdin
 *   list-users / disable-user <username>              staff who can sign in to /inbox
 *   purge-submissions --older-than-days N [--dry-run] delete old referrals (a dry run only counts)
 *   rules-impact <id>@<version|folder>                re-assess stored referrals on other rules (JSON)
 *
 * Exit codes: 0 done, 1 could not be done (e.g. no such device), 2 the command was mistyped or
 * the settings are wrong. Messages go to stderr, never with a stack trace.
 */
import { z } from 'zod';
import { runRulesImpact } from './admin/rules-impact.ts';
import { ConfigError, loadConfig } from './config.ts';
import { safeError } from './http/logging.ts';
import { DatabaseSetupError, openDatabase } from './store/database.ts';
import { createDevice, listDevices, revokeDevice } from './store/devices.ts';
import { ROLES, type Role } from './inbox/model.ts';
import { passwordProblem } from './inbox/passwords.ts';
import { readPassword, type PasswordInput } from './inbox/read-password.ts';
import { purgeSubmissions } from './inbox/store/retention.ts';
import { createUser, disableUser, listUsers, usernameSchema, UserExistsError } from './inbox/store/staff.ts';

const USAGE = `Usage: npm run admin -- <command>

  enrol-device --name "Health visiting tablet 3"   create a device and print its one-time enrolment code
  revoke-device <device-id>                         stop a device from sending referrals
  list-devices                                      list devices as JSON
  add-user <username> [--role triage|admin]         add front-door staff; the password is asked for
                                                    (or read from the first line of stdin)
  list-users                                        list staff as JSON
  disable-user <username>                           stop someone signing in; ends their sessions
  purge-submissions --older-than-days N [--dry-run] delete referrals received more than N days ago
  rules-impact <id>@<version|folder>                count stored referrals whose level the given rules would change
`;

const COMMANDS = [
  'enrol-device',
  'revoke-device',
  'list-devices',
  'add-user',
  'list-users',
  'disable-user',
  'purge-submissions',
  'rules-impact',
] as const;
type Command = (typeof COMMANDS)[number];

class UsageError extends Error {}
class CommandFailed extends Error {}

const deviceNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the device a name, e.g. --name "Health visiting tablet 3"')
  .max(120, 'The device name must be 120 characters or fewer')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'The device name must not contain control characters');

const deviceIdSchema = z.uuid('A device id looks like 0f8c2d4e-…: copy it from list-devices');

function flagValue(args: readonly string[], flag: string): string | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg === flag) return args[index + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

function parseName(args: readonly string[]): string {
  const parsed = deviceNameSchema.safeParse(flagValue(args, '--name') ?? '');
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'Give the device a name');
  return parsed.data;
}

export interface AdminIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Where add-user reads the password: a terminal (asked twice, not echoed) or a pipe. */
  stdin?: PasswordInput;
}

function parseRole(args: readonly string[]): Role {
  const role = flagValue(args, '--role') ?? 'triage';
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError('The role must be triage or admin');
  return role as Role;
}

function parseUsername(value: string | undefined): string {
  const parsed = usernameSchema.safeParse(value ?? '');
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'Give a username');
  return parsed.data;
}

function parseDays(args: readonly string[]): number {
  const value = flagValue(args, '--older-than-days') ?? '';
  const days = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1)) throw new UsageError('Give --older-than-days as a whole number of days, 1 or more');
  return days;
}

/** The staff and retention commands: arguments are checked before the database is opened. */
async function runInboxCommand(command: Command, args: readonly string[], io: AdminIo): Promise<boolean> {
  const { env, stdout, stderr } = io;
  if (command === 'add-user') {
    const username = parseUsername(args[0]);
    const role = parseRole(args);
    if (!io.stdin) throw new CommandFailed('There is no input to read the password from.');
    const password = await readPassword(io.stdin, stderr, username);
    if (password === undefined) throw new CommandFailed('The two passwords were different. Nothing was changed.');
    const problem = passwordProblem(password);
    if (problem) throw new CommandFailed(`${problem}. Nothing was changed.`);
    const config = loadConfig(env);
    const database = await openDatabase(config.database);
    try {
      const user = await createUser(database.db, { username, role, password }, undefined);
      stdout.write(`User ${user.username} (${role}) added. They can sign in at /inbox.\n`);
    } catch (error) {
      if (error instanceof UserExistsError) throw new CommandFailed(error.message);
      throw error;
    } finally {
      await database.close();
    }
    return true;
  }
  if (command === 'list-users' || command === 'disable-user' || command === 'purge-submissions') {
    const username = command === 'disable-user' ? parseUsername(args[0]) : undefined;
    const days = command === 'purge-submissions' ? parseDays(args) : undefined;
    const config = loadConfig(env);
    const database = await openDatabase(config.database);
    try {
      if (command === 'list-users') {
        stdout.write(`${JSON.stringify(await listUsers(database.db), null, 2)}\n`);
      } else if (username !== undefined) {
        if (!(await disableUser(database.db, username, 'admin-cli'))) {
          throw new CommandFailed(`There is no user ${username}.`);
        }
        stdout.write(`User ${username} is disabled and signed out everywhere.\n`);
      } else if (days !== undefined) {
        const dryRun = args.includes('--dry-run');
        const result = await purgeSubmissions(database.db, days, dryRun);
        const what = `${result.submissions} ${result.submissions === 1 ? 'referral' : 'referrals'} received before ${result.cutoff} (with ${result.decisions} ${result.decisions === 1 ? 'decision' : 'decisions'})`;
        stdout.write(dryRun ? `Dry run: ${what} would be deleted. Nothing was deleted.\n` : `Deleted ${what}.\n`);
      }
    } finally {
      await database.close();
    }
    return true;
  }
  return false;
}

async function run(argv: readonly string[], io: AdminIo): Promise<void> {
  const { env, stdout } = io;
  const [command, ...args] = argv;
  if (command === 'help' || command === '--help') {
    stdout.write(USAGE);
    return;
  }
  if (!command) throw new UsageError('Name a command.');
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`There is no command "${command}".`);
  }
  if (command === 'rules-impact') return runRulesImpact(args, loadConfig(env), openDatabase, stdout);
  if (await runInboxCommand(command as Command, args, io)) return;
  // Check the arguments before touching the database.
  const name = command === 'enrol-device' ? parseName(args) : undefined;
  const deviceId = command === 'revoke-device' ? deviceIdSchema.safeParse(args[0]) : undefined;
  if (deviceId && !deviceId.success) throw new UsageError(deviceId.error.issues[0]?.message ?? 'Give a device id');

  const config = loadConfig(env);
  const database = await openDatabase(config.database);
  try {
    if (name !== undefined) {
      const device = await createDevice(database.db, name, config.enrolmentCodeHours);
      stdout.write(
        `Device ${device.deviceId} created.\n` +
          `Enter this code in the app on the device. It works once, and expires at ${device.expiresAt}` +
          ` (in ${config.enrolmentCodeHours} hours):\n${device.code}\n`,
      );
    } else if (deviceId?.success) {
      const outcome = await revokeDevice(database.db, deviceId.data);
      if (outcome === 'not-found') throw new CommandFailed(`There is no device ${deviceId.data}.`);
      stdout.write(
        outcome === 'revoked'
          ? `Device ${deviceId.data} is revoked: it can no longer send referrals. Anything queued on it stays there.\n`
          : `Device ${deviceId.data} was already revoked.\n`,
      );
    } else {
      stdout.write(`${JSON.stringify(await listDevices(database.db), null, 2)}\n`);
    }
  } finally {
    await database.close();
  }
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
