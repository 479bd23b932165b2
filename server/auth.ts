// Passwords are hashed with scrypt and a per-user salt; device tokens are random and stored only
// as their SHA-256 (they carry 256 bits of entropy, so a fast hash is enough).
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;
/** scrypt's cost: 2^14, about 40 ms a hash here. */
export const PASSWORD_COST = 16384;
const PARAMS = { r: 8, p: 1 };

/**
 * A password's scrypt hash, with its parameters (so a hash made at another cost still verifies).
 * `cost` is for the tests' servers, which sign in thousands of times; the server itself and the
 * command line always hash at PASSWORD_COST.
 */
export async function hashPassword(password: string, cost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32, { N: cost, ...PARAMS });
  return `scrypt$${cost}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
