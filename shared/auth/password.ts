import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// Local staff passwords are hashed with scrypt, a memory-hard function (32 MiB per hash here), with a
// random salt; the parameters travel with the hash so they can be raised later.

function scryptAsync(password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, options, (error, key) => (error === null ? resolve(key) : reject(error))));
}

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const MAX_MEMORY = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, KEY_BYTES, { ...PARAMS, maxmem: MAX_MEMORY });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/**
 * A well-formed hash with the same parameters as every real one, that no known password matches: checking
 * an unknown name against it costs the same as checking a real account, so timing does not tell them apart.
 */
export const UNMATCHABLE_HASH = ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, Buffer.alloc(16).toString('base64url'), Buffer.alloc(KEY_BYTES).toString('base64url')].join('$');

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.byteLength, { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEMORY });
  return timingSafeEqual(actual, expected);
}

/** The staff password policy, the same as the Cognito user pool's: 10+ characters, upper and lower case, a digit and a symbol. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'at least 10 characters';
  if (!/[a-z]/.test(password) || !/[A-Z]/.test(password)) return 'upper- and lower-case letters';
  if (!/\d/.test(password)) return 'a digit';
  if (!/[^A-Za-z0-9]/.test(password)) return 'a symbol';
  return undefined;
}
