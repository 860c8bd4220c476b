/**
 * A report's original words, sealed so that only the contact centre can read them: the original
 * may identify the reporter, and is never sent to a force.
 *
 * Two forms. The first (no `version`) carries its data key, wrapped by KMS, beside the ciphertext:
 * every original sealed before retention, and what the intake queue carries (a transit, not a
 * record). The second (`version: 2`, and `version: 3` since its data key is wrapped by a
 * key-encryption key rather than by KMS itself) carries only the ciphertext and the name of its
 * data key, which is kept, wrapped, in the data keys table (functions/adapters/shreddable-vault.ts):
 * the retention job destroys that key on the day its text ends, after which no copy of the text (a
 * backup of the report table among them) can be opened.
 */
export interface SealedWithItsKey {
  readonly version?: undefined;
  readonly algorithm: 'AES-256-GCM';
  /** The key that wraps the data key (a KMS key ARN in AWS). */
  readonly keyId: string;
  /** Base64 of the data key as wrapped by the key. */
  readonly encryptedDataKey: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly authTag: string;
}

/** Sealed under a data key of its own, kept in the data keys table and destroyed when the text ends. */
export interface SealedUnderKeptKey {
  /** 2: the kept data key was made and wrapped by KMS; 3: made here, wrapped by a key-encryption key KMS made. */
  readonly version: 2 | 3;
  readonly algorithm: 'AES-256-GCM';
  /** The data key's id in the data keys table, in the report's partition there. */
  readonly dataKey: string;
  /** Which of that key item's keys: the report's data key itself, or the contact details' key it wraps. */
  readonly part: 'original' | 'contact-details' | 'answer';
  readonly iv: string;
  readonly ciphertext: string;
  readonly authTag: string;
}

export type SealedOriginal = SealedWithItsKey | SealedUnderKeptKey;

/**
 * A report as the router seals it: the original without the reporter's contact details, and the
 * contact details apart, under a key of their own, so that they can end a year before the original.
 */
export interface SealedReport {
  readonly original: SealedOriginal;
  readonly contactDetails?: SealedOriginal;
}
