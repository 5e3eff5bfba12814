/**
 * Staff passwords, hashed with scrypt (node:crypto; Argon2id is not in Node 20 without a native
 * package). Each hash carries its own salt and parameters, `$scrypt$ln=15,r=8,p=3$<salt>$<hash>`,
 * so the cost can be raised later: a sign-in with weaker parameters is re-hashed at once.
 *
 * N=2^15, r=8, p=3 is one of OWASP's equivalent minimums for scrypt; it needs 32 MiB per hash
 * (less than N=2^17, p=1 for the same work, so a flood of sign-ins uses less memory).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParameters {
  /** log2(N) */
  ln: number;
  r: number;
  p: number;
}

export const PASSWORD_PARAMETERS: Readonly<ScryptParameters> = { ln: 15, r: 8, p: 3 };
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const HASH_PATTERN = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Buffer, { ln, r, p }: ScryptParameters): Promise<Buffer> {
  const N = 2 ** ln;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, parameters: ScryptParameters = PASSWORD_PARAMETERS) {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, parameters);
  const { ln, r, p } = parameters;
  return `$scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string): { parameters: ScryptParameters; salt: Buffer; key: Buffer } | undefined {
  const match = HASH_PATTERN.exec(stored);
  if (!match) return undefined;
  const [, ln, r, p, salt, key] = match;
  const parameters = { ln: Number(ln), r: Number(r), p: Number(p) };
  if (parameters.ln < 10 || parameters.ln > 22 || parameters.r < 1 || parameters.p < 1) return undefined;
  return { parameters, salt: Buffer.from(salt ?? '', 'base64'), key: Buffer.from(key ?? '', 'base64') };
}

/** Whether the password matches; a malformed stored hash never matches. Runs in constant time for the key. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.key.length !== KEY_BYTES) return false;
  const key = await derive(password, parsed.salt, parsed.parameters);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash is weaker than today's parameters and should be replaced at the next sign-in. */
export function needsRehash(stored: string, current: ScryptParameters = PASSWORD_PARAMETERS): boolean {
  const parsed = parse(stored);
  const work = (q: ScryptParameters) => 2 ** q.ln * q.r * q.p;
  return !parsed || work(parsed.parameters) < work(current);
}

const dummies = new Map<string, Promise<string>>();

/**
 * Spends the same time as checking a real password, for a username that does not exist, so the
 * time taken does not tell anyone which usernames are real.
 */
export async function verifyAgainstNothing(
  password: string,
  parameters: ScryptParameters = PASSWORD_PARAMETERS,
): Promise<false> {
  const key = JSON.stringify(parameters);
  let dummy = dummies.get(key);
  if (!dummy) {
    dummy = hashPassword('not a real password: equalises timing', parameters);
    dummies.set(key, dummy);
  }
  await verifyPassword(password, await dummy);
  return false;
}

/** A password policy in NCSC's spirit: long enough, no composition rules, no upper limit worth hitting. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `The password must be ${MIN_PASSWORD_LENGTH} characters or more (three random words work well)`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) return `The password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  return undefined;
}
