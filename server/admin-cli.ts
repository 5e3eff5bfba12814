/**
 * The admin commands (`npm run admin -- <command>`, see admin.ts): device management for the IT
 * service desk, on the database the server's settings name (DATA_DIR or DATABASE_URL).
 *
 *   enrol-device --name "Health visiting tablet 3"   prints a one-time code (the last line, alone)
 *   revoke-device <device-id>                         the device's token stops working at once
 *   list-devices                                      JSON on stdout
 *
 * Exit codes: 0 done, 1 could not be done (e.g. no such device), 2 the command was mistyped or
 * the settings are wrong. Messages go to stderr, never with a stack trace.
 */
import { z } from 'zod';
import { ConfigError, loadConfig } from './config.ts';
import { safeError } from './http/logging.ts';
import { DatabaseSetupError, openDatabase } from './store/database.ts';
import { createDevice, listDevices, revokeDevice } from './store/devices.ts';

const USAGE = `Usage: npm run admin -- <command>

  enrol-device --name "Health visiting tablet 3"   create a device and print its one-time enrolment code
  revoke-device <device-id>                         stop a device from sending referrals
  list-devices                                      list devices as JSON
`;

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
}

async function run(argv: readonly string[], { env, stdout }: AdminIo): Promise<void> {
  const [command, ...args] = argv;
  if (command === 'help' || command === '--help') {
    stdout.write(USAGE);
    return;
  }
  if (!command) throw new UsageError('Name a command.');
  if (!['enrol-device', 'revoke-device', 'list-devices'].includes(command)) {
    throw new UsageError(`There is no command "${command}".`);
  }
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
