/** What the service keeps of a reporter's follow-up code: only a hash (functions/domain/follow-up-code.ts makes and checks them). */

/** A code's hash as the service kept it before keyed hashes: scrypt, with its cost. */
export interface ScryptCredential {
  readonly algorithm: 'scrypt';
  /** scrypt's cost, block size and parallelism. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly hash: string;
  readonly issuedAt: string;
}

/** A code's hash under the service's code key: HMAC-SHA-256 of the salt and the code. */
export interface KeyedCredential {
  readonly algorithm: 'hmac-sha256';
  /** Which version of the code key it was made under. */
  readonly keyVersion: string;
  readonly salt: string;
  readonly hash: string;
  readonly issuedAt: string;
}

/** What the service keeps of a code. */
export type FollowUpCredential = ScryptCredential | KeyedCredential;
