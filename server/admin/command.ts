/**
 * What an admin command is (see ../admin-cli.ts for the table of them): its usage lines, the
 * options node:util parseArgs reads for it, and what it does. Commands check their arguments
 * before they open the database, so a mistyped command never touches it.
 */
import type { ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type OpenDatabase } from '../store/database.ts';
import type { PasswordInput } from '../inbox/read-password.ts';

/** The command was mistyped: exit code 2, with the usage. */
export class UsageError extends Error {}
/** The command was understood but could not be done: exit code 1. */
export class CommandFailed extends Error {}

export interface AdminIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Where add-user reads the password: a terminal (asked twice, not echoed) or a pipe. */
  stdin?: PasswordInput;
}

export interface CommandInput {
  positionals: readonly string[];
  values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  io: AdminIo;
}

export interface AdminCommand {
  /** Help lines, without the leading "npm run admin --". */
  usage: readonly string[];
  options?: ParseArgsConfig['options'];
  run(input: CommandInput): Promise<void>;
}

/** Opens the database the settings name, runs `work` and always closes it again. */
export async function withDatabase<T>(
  io: AdminIo,
  work: (database: OpenDatabase, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig(io.env);
  const database = await openDatabase(config.database);
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}

export function stringOption(input: CommandInput, name: string): string | undefined {
  const value = input.values[name];
  return typeof value === 'string' ? value : undefined;
}
