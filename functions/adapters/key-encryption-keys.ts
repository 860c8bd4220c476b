/**
 * Key-encryption keys: the envelope of the AWS Encryption SDK's data key caching, kept to what the
 * originals vault needs (shreddable-vault.ts). A function that seals reporters' words asks KMS for
 * a key-encryption key (a data key under the originals key, its encryption context naming its
 * purpose and its own random id, never a reference) and keeps it in memory for a bounded time and
 * number of reports. Each report still gets a data key of its own, made here at random; the
 * key-encryption key only wraps it, bound to the report's reference and the data key's id, and the
 * wrapped data key is kept nowhere but in the report's item in the data keys table. So KMS is asked
 * once per key-encryption key rather than once per report, and destroying a report's item still
 * shreds its texts: the key-encryption key (and KMS) can open only the data keys that are still kept.
 *
 * The key-encryption key's plaintext never leaves `withKey` across an await: the caller uses it
 * synchronously, so a key that has run its course can be zeroed as soon as the next is made.
 */
import { randomBytes } from 'node:crypto';

/**
 * How long, and for how many reports, one key-encryption key seals. Both bound what one leaked
 * key-encryption key (from a function's memory, or one kms:Decrypt of its blob by someone allowed
 * to) opens of the data keys table: the reports sealed under it, at most a thousand, within five
 * minutes. They are the AWS Encryption SDK's own kind of limits (max age, max messages). Five
 * minutes and a thousand reports make KMS requests at most one per thousand reports at busy times,
 * and at quiet times one per five minutes for each warm function: never more than one per report,
 * as without them. A thousand wraps under one key is far below AES-GCM's limit for random IVs
 * (2^32 under one key).
 */
export const KEY_ENCRYPTION_KEY_LIMITS = { maxAgeMs: 5 * 60_000, maxReports: 1_000 } as const;

export interface KeyEncryptionKeyLimits {
  readonly maxAgeMs: number;
  readonly maxReports: number;
}

/** A key-encryption key as KMS made it: its plaintext, its blob (base64) and the KMS key's ARN. */
export interface MadeKeyEncryptionKey {
  readonly plaintext: Buffer;
  readonly wrapped: string;
  readonly keyId: string;
}

export interface KeyEncryptionKey extends MadeKeyEncryptionKey {
  /** Random, in the key's encryption context and in every data key item it wraps a key for. */
  readonly id: string;
}

export class KeyEncryptionKeys {
  private readonly make: (id: string) => Promise<MadeKeyEncryptionKey>;
  private readonly limits: KeyEncryptionKeyLimits;
  private readonly now: () => number;
  private current: (KeyEncryptionKey & { readonly madeAt: number; uses: number }) | undefined;
  private making: Promise<void> | undefined;

  /**
   * @param make asks KMS for a key-encryption key with this id in its encryption context
   * @param now a monotonic clock in milliseconds (the wall clock may step back), injected by tests
   */
  constructor(make: (id: string) => Promise<MadeKeyEncryptionKey>, limits: KeyEncryptionKeyLimits = KEY_ENCRYPTION_KEY_LIMITS, now: () => number = () => performance.now()) {
    this.make = make;
    this.limits = limits;
    this.now = now;
  }

  /**
   * Calls `use` with the key-encryption key within its limits, made first if there is none: one
   * request to KMS however many ask at once. `use` must be synchronous, and must not keep the key.
   */
  async withKey<T>(use: (key: KeyEncryptionKey) => T): Promise<T> {
    for (;;) {
      const key = this.current;
      if (key !== undefined && this.now() - key.madeAt < this.limits.maxAgeMs && key.uses < this.limits.maxReports) {
        key.uses++;
        return use(key);
      }
      // A key past its limits is wiped at once, not when the next is made: making it may fail, or wait.
      if (key !== undefined) {
        key.plaintext.fill(0);
        this.current = undefined;
      }
      this.making ??= this.makeOne().finally(() => {
        this.making = undefined;
      });
      await this.making;
    }
  }

  private async makeOne(): Promise<void> {
    const id = randomBytes(12).toString('base64url');
    const made = await this.make(id);
    this.current?.plaintext.fill(0);
    this.current = { id, ...made, madeAt: this.now(), uses: 0 };
  }
}
