/** The front door's staff and retention commands: add-user, list-users, disable-user, purge-submissions. */
import { ROLES, type Role } from '../inbox/model.ts';
import { passwordProblem } from '../inbox/passwords.ts';
import { readPassword } from '../inbox/read-password.ts';
import { purgeSubmissions } from '../inbox/store/retention.ts';
import { createUser, disableUser, listUsers, usernameSchema, UserExistsError } from '../inbox/store/staff.ts';
import { CommandFailed, stringOption, UsageError, withDatabase, type AdminCommand } from './command.ts';

export function parseUsername(value: string | undefined): string {
  const parsed = usernameSchema.safeParse(value ?? '');
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'Give a username');
  return parsed.data;
}

export const addUser: AdminCommand = {
  usage: [
    'add-user <username> [--role triage|admin]         add front-door staff; the password is asked for',
    '                                                  (or read from the first line of stdin)',
  ],
  options: { role: { type: 'string', default: 'triage' } },
  async run(input) {
    const username = parseUsername(input.positionals[0]);
    const role = stringOption(input, 'role') ?? 'triage';
    if (!(ROLES as readonly string[]).includes(role)) throw new UsageError('The role must be triage or admin');
    const { io } = input;
    if (!io.stdin) throw new CommandFailed('There is no input to read the password from.');
    const password = await readPassword(io.stdin, io.stderr, username);
    if (password === undefined) throw new CommandFailed('The two passwords were different. Nothing was changed.');
    const problem = passwordProblem(password);
    if (problem) throw new CommandFailed(`${problem}. Nothing was changed.`);
    await withDatabase(io, async (database) => {
      try {
        const user = await createUser(database.db, { username, role: role as Role, password }, undefined);
        io.stdout.write(`User ${user.username} (${role}) added. They can sign in at /inbox.\n`);
      } catch (error) {
        if (error instanceof UserExistsError) throw new CommandFailed(error.message);
        throw error;
      }
    });
  },
};

export const listUsersCommand: AdminCommand = {
  usage: ['list-users                                        list staff as JSON'],
  async run(input) {
    await withDatabase(input.io, async (database) => {
      input.io.stdout.write(`${JSON.stringify(await listUsers(database.db), null, 2)}\n`);
    });
  },
};

export const disableUserCommand: AdminCommand = {
  usage: ['disable-user <username>                           stop someone signing in; ends their sessions'],
  async run(input) {
    const username = parseUsername(input.positionals[0]);
    await withDatabase(input.io, async (database) => {
      if (!(await disableUser(database.db, username, 'admin-cli'))) {
        throw new CommandFailed(`There is no user ${username}.`);
      }
      input.io.stdout.write(`User ${username} is disabled and signed out everywhere.\n`);
    });
  },
};

export const purgeSubmissionsCommand: AdminCommand = {
  usage: ['purge-submissions --older-than-days N [--dry-run] delete referrals received more than N days ago'],
  options: { 'older-than-days': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  async run(input) {
    const value = stringOption(input, 'older-than-days') ?? '';
    const days = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
    if (!(days >= 1)) throw new UsageError('Give --older-than-days as a whole number of days, 1 or more');
    const dryRun = input.values['dry-run'] === true;
    await withDatabase(input.io, async (database) => {
      const result = await purgeSubmissions(database.db, days, dryRun);
      const what = `${result.submissions} ${result.submissions === 1 ? 'referral' : 'referrals'} received before ${result.cutoff} (with ${result.decisions} ${result.decisions === 1 ? 'decision' : 'decisions'})`;
      input.io.stdout.write(
        dryRun ? `Dry run: ${what} would be deleted. Nothing was deleted.\n` : `Deleted ${what}.\n`,
      );
    });
  },
};
