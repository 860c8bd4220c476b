/**
 * The follow-up code: what lets an anonymous reporter come back to their report without an
 * account. Sixteen random digits (53 bits), grouped in fours so a call agent can read them aloud
 * and a reporter can write them down. The service keeps only a slow, salted scrypt hash of the
 * code, so nobody, the service included, can recover it: a lost code is gone.
 *
 * Checking a code always costs one scrypt, whether or not the reference exists (an unknown
 * reference is checked against a credential that matches nothing), so a wrong code and an unknown
 * reference take the same time and get the same answer.
 */
import { randomInt, scrypt as scryptCallback, timingSafeEqual, randomBytes, type ScryptOptions } from 'node:crypto';

export const FOLLOW_UP_CODE_DIGITS = 16;

export type FollowUpCode = string & { readonly __brand: 'FollowUpCode' };

export const newFollowUpCode = (): FollowUpCode =>
  Array.from({ length: FOLLOW_UP_CODE_DIGITS }, () => randomInt(10)).join('') as FollowUpCode;

/** 1234 5678 9012 3456: how the code is shown and read aloud. */
export const groupedFollowUpCode = (code: string): string => code.replace(/(\d{4})(?=\d)/g, '$1 ');

/** A code as someone typed or read it back: spaces and hyphens do not matter. */
export const parseFollowUpCode = (typed: string): FollowUpCode | undefined => {
  const digits = typed.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${FOLLOW_UP_CODE_DIGITS}}$`).test(digits) ? (digits as FollowUpCode) : undefined;
};

/** What the service keeps of a code. */
export interface FollowUpCredential {
  readonly algorithm: 'scrypt';
  /** scrypt's cost, block size and parallelism, kept so they can be raised for new codes later. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly hash: string;
  readonly issuedAt: string;
}

/**
 * N = 2^15, r = 8: 32 MiB and tens of milliseconds per check. With ten wrong tries an hour per
 * reference the code cannot be guessed online, and a stolen table costs 10^16 such checks per
 * report.
 */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

const scrypt = (code: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
    scryptCallback(code.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const credentialFor = async (code: FollowUpCode, at: Date, cost: ScryptCost = SCRYPT_COST): Promise<FollowUpCredential> => {
  const salt = randomBytes(16);
  const hash = await scrypt(code, salt, cost);
  return { algorithm: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: salt.toString('base64'), hash: hash.toString('base64'), issuedAt: at.toISOString() };
};

/** Stands in for a reference with no credential, so that checking it costs what a real check costs. */
const NO_CREDENTIAL: FollowUpCredential = {
  algorithm: 'scrypt',
  ...SCRYPT_COST,
  salt: randomBytes(16).toString('base64'),
  hash: randomBytes(KEY_BYTES).toString('base64'),
  issuedAt: new Date(0).toISOString(),
};

/** True only when the code is the one the credential was made from. Always does one full check. */
export const codeMatches = async (code: string, credential: FollowUpCredential | undefined): Promise<boolean> => {
  const against = credential ?? NO_CREDENTIAL;
  const expected = Buffer.from(against.hash, 'base64');
  const actual = await scrypt(code, Buffer.from(against.salt, 'base64'), against);
  return credential !== undefined && actual.length === expected.length && timingSafeEqual(actual, expected);
};
