/**
 * The follow-up code: what lets an anonymous reporter come back to their report without an
 * account. Sixteen random digits (53 bits), grouped in fours so a call agent can read them aloud
 * and a reporter can write them down. The service keeps only a hash of the code, so nobody, the
 * service included, can recover it: a lost code is gone.
 *
 * New codes are kept as an HMAC-SHA-256 of a fresh salt and the code, under a secret key that KMS
 * holds wrapped and only the functions that issue or check codes can unwrap
 * (functions/adapters/follow-up-code-keys.ts). Online guessing is already held to ten wrong codes
 * an hour per reference; the hash guards against someone who has copied the table, and with a
 * keyed hash a copied table is of no use on its own: without the key there is nothing to test a
 * guess against. The slow, memory-hard scrypt the service used before did the same by making each
 * guess cost tens of milliseconds of a core, and so made every submit cost them too.
 *
 * Codes issued before are scrypt hashes (`algorithm: 'scrypt'`) and still work. So that an old
 * code, a new one and an unknown reference cannot be told apart by how long a check takes, every
 * check still costs one scrypt at the old cost, as long as old credentials may exist; issuing a
 * code costs only the HMAC.
 */
import type { Reference } from './reference.ts';
import { createHmac, randomInt, scrypt as scryptCallback, timingSafeEqual, randomBytes, type ScryptOptions } from 'node:crypto';

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

export type { FollowUpCredential, KeyedCredential, ScryptCredential } from './entities/follow-up-credential.ts';
import type { FollowUpCredential, KeyedCredential, ScryptCredential } from './entities/follow-up-credential.ts';

/** The secret new codes are hashed under, by version; opened from KMS by the functions that may. */
export interface CodeKey {
  readonly version: string;
  readonly secret: Buffer;
}

/** The version of the code key new codes are hashed under. */
export const CODE_KEY_VERSION = 'v1';

export interface CodeKeys {
  /** The key new codes are hashed under (made the first time one is needed). */
  current(): Promise<CodeKey>;
  /** The key of that version, if there is one. */
  find(version: string): Promise<CodeKey | undefined>;
}

/**
 * N = 2^15, r = 8: 32 MiB and tens of milliseconds per check. The cost old codes were hashed at,
 * and what every check still spends so that checks all take the same time.
 */
export const SCRYPT_COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

const scrypt = (code: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
    scryptCallback(code.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });

const hmac = (code: string, salt: Buffer, secret: Buffer): Buffer =>
  createHmac('sha256', secret).update(salt).update(code.normalize('NFKC'), 'utf8').digest();

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** A new code's credential: its keyed hash under the current code key. */
export const credentialFor = (code: FollowUpCode, at: Date, key: CodeKey): KeyedCredential => {
  const salt = randomBytes(16);
  return {
    algorithm: 'hmac-sha256',
    keyVersion: key.version,
    salt: salt.toString('base64'),
    hash: hmac(code, salt, key.secret).toString('base64'),
    issuedAt: at.toISOString(),
  };
};

/** What a confirmation page showed: the report's reference, its code, and the form's own key. */
export interface ShownConfirmation {
  readonly reference: Reference;
  readonly code: FollowUpCode;
  readonly idempotencyKey: string;
}

const SEAL = /^(v[0-9]+)\.([A-Za-z0-9_-]{43})$/;

const sealMac = ({ reference, code, idempotencyKey }: ShownConfirmation, key: CodeKey): string => {
  // A key of its own, derived from the code key, so a seal can never stand in for a code's hash.
  const sealKey = createHmac('sha256', key.secret).update('follow-up confirmation seal').digest();
  return createHmac('sha256', sealKey).update(`${reference}\0${code}\0${idempotencyKey}`, 'utf8').digest('base64url');
};

/**
 * The seal a confirmation page carries with its language link: a keyed hash, under the code key,
 * of the reference, the code it shows and the form's key. Sent back with the form, it lets the
 * same confirmation be shown in the other language with the same code, without keeping the code
 * anywhere or reading the table; nobody without the code key can make one.
 */
export const confirmationSeal = (shown: ShownConfirmation, key: CodeKey): string => `${key.version}.${sealMac(shown, key)}`;

/**
 * The code of a confirmation shown before, when the seal sent back with it is the service's own
 * for that reference, code and form key; otherwise nothing. Not a way to check a guess: only the
 * person holding the sent form and its key gets this far, and the code was theirs already.
 */
export const codeShownBefore = async (
  reference: Reference,
  idempotencyKey: string,
  sent: { readonly code: string | null; readonly seal: string | null },
  keys: Pick<CodeKeys, 'find'>,
): Promise<FollowUpCode | undefined> => {
  const code = parseFollowUpCode(sent.code ?? '');
  const seal = SEAL.exec(sent.seal ?? '');
  if (code === undefined || seal === null) return undefined;
  const key = await keys.find(seal[1] ?? '');
  if (key === undefined) return undefined;
  const expected = Buffer.from(sealMac({ reference, code, idempotencyKey }, key), 'utf8');
  return same(Buffer.from(seal[2] ?? '', 'utf8'), expected) ? code : undefined;
};

/** A credential as codes were issued before keyed hashes: for tests and the bench of old codes. */
export const scryptCredentialFor = async (code: FollowUpCode, at: Date, cost: ScryptCost = SCRYPT_COST): Promise<ScryptCredential> => {
  const salt = randomBytes(16);
  const hash = await scrypt(code, salt, cost);
  return { algorithm: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: salt.toString('base64'), hash: hash.toString('base64'), issuedAt: at.toISOString() };
};

/** Stands in where there is nothing to check against, so that such a check costs what a real one does. */
const NOTHING = { salt: randomBytes(16), hash: randomBytes(KEY_BYTES), secret: randomBytes(KEY_BYTES) };

const same = (actual: Buffer, expected: Buffer): boolean => actual.length === expected.length && timingSafeEqual(actual, expected);

/**
 * True only when the code is the one the credential was made from. Every check costs one scrypt at
 * SCRYPT_COST and one HMAC, whatever the credential (old, new, or none for an unknown reference).
 */
export const codeMatches = async (code: string, credential: FollowUpCredential | undefined, keys: Pick<CodeKeys, 'find'>): Promise<boolean> => {
  if (credential?.algorithm === 'scrypt') {
    const matched = same(await scrypt(code, Buffer.from(credential.salt, 'base64'), credential), Buffer.from(credential.hash, 'base64'));
    hmac(code, NOTHING.salt, NOTHING.secret);
    return matched;
  }
  // Looked up whatever the credential, so an unknown reference costs the same lookup as a known one.
  const key = await keys.find(credential?.keyVersion ?? CODE_KEY_VERSION);
  await scrypt(code, NOTHING.salt, SCRYPT_COST);
  if (credential === undefined || key === undefined) {
    hmac(code, NOTHING.salt, NOTHING.secret);
    return false;
  }
  return same(hmac(code, Buffer.from(credential.salt, 'base64'), key.secret), Buffer.from(credential.hash, 'base64'));
};

/**
 * Issues a follow-up code for a report and keeps only its hash. Issuing again (a repeated
 * submission with the same idempotency key) replaces the code: the one shown last is the one that
 * works.
 */
export const issueFollowUpCode = async (
  ports: {
    readonly access: { saveCredential(reference: Reference, credential: FollowUpCredential): Promise<void> };
    readonly codeKeys: Pick<CodeKeys, 'current'>;
  },
  reference: Reference,
  at: Date,
): Promise<FollowUpCode> => {
  const code = newFollowUpCode();
  await ports.access.saveCredential(reference, credentialFor(code, at, await ports.codeKeys.current()));
  return code;
};
