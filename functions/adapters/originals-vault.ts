/**
 * The originals vault on KMS: each report's original words are sealed by envelope encryption. KMS
 * makes a fresh 256-bit data key under the contact-centre key and wraps it; the text is sealed
 * here with AES-256-GCM, and only the wrapped data key is kept. Opening asks KMS to unwrap it, which
 * only functions the key policy allows (the contact centre's) can do.
 *
 * The reference is bound twice: as the KMS encryption context of the data key (so KMS itself
 * refuses to unwrap it for another report, and CloudTrail records which report was opened) and as
 * GCM additional data of the text. Any altered byte, another reference or another key fails.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { OriginalsVault } from '#domain/ports.ts';
import type { SealedOriginal, SealedWithItsKey } from '#domain/entities/sealed-original.ts';
import type { Reference } from '#domain/reference.ts';

const ALGORITHM = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a sealed text is for, bound into each data key's encryption context: a key's data keys open only for their purpose. */
export type SealingPurpose = 'report-original' | 'intake-message';

/**
 * Reusing a data key across texts, for a store that is a transit, not a record (the intake queue):
 * a data key made under the key seals every text for up to `maxAgeMs` or `maxTexts`, and one
 * unwrapped is kept to open the others sealed with it, so KMS is asked once per data key, not once
 * per text. The reference is then bound by the GCM additional data alone, not by the encryption
 * context (which a reused key cannot vary), so KMS's log no longer names each report. Originals
 * never reuse a data key: each has its own, kept in the data keys table so that it can be
 * destroyed (shreddable-vault.ts), wrapped by a key-encryption key that is reused as this is, and
 * each opening is one request to KMS, logged under the key-encryption key's id.
 */
export interface DataKeyReuse {
  readonly maxAgeMs: number;
  readonly maxTexts: number;
}

/** How many unwrapped data keys a vault that reuses them keeps for opening. */
const OPENED_KEYS_KEPT = 64;

/**
 * Seals with the data key beside the ciphertext (the first form): what the intake queue carries,
 * and every original sealed before retention, which the shreddable vault (shreddable-vault.ts)
 * opens through this.
 */
export class KmsOriginalsVault implements Pick<OriginalsVault, 'seal' | 'open'> {
  /** @param keyId the key: key id, key ARN or alias, as KMS accepts them */
  private readonly client: KMSClient;
  private readonly keyId: string;
  private readonly purpose: SealingPurpose;
  private readonly reuse: DataKeyReuse | undefined;
  private readonly now: () => number;
  private sealingKey: { readonly plaintext: Buffer; readonly wrapped: string; readonly keyId: string; readonly madeAt: number; uses: number } | undefined;
  private making: Promise<void> | undefined;
  private readonly openedKeys = new Map<string, { readonly plaintext: Buffer; readonly openedAt: number }>();

  constructor(client: KMSClient, keyId: string, purpose: SealingPurpose = 'report-original', reuse?: DataKeyReuse, now: () => number = Date.now) {
    this.client = client;
    this.keyId = keyId;
    this.purpose = purpose;
    this.reuse = reuse;
    this.now = now;
  }

  private encryptionContext(reference: Reference): Record<string, string> {
    return this.reuse === undefined ? { reference, purpose: this.purpose } : { purpose: this.purpose };
  }

  /** A data key to seal with: a fresh one, or (when reusing) the one made within the limits. */
  private async dataKeyForSealing(reference: Reference): Promise<{ plaintext: Buffer; wrapped: string; keyId: string; reused: boolean }> {
    const reuse = this.reuse;
    if (reuse === undefined) return { ...(await this.newDataKey(reference)), reused: false };
    for (;;) {
      const current = this.sealingKey;
      if (current !== undefined && this.now() - current.madeAt < reuse.maxAgeMs && current.uses < reuse.maxTexts) {
        current.uses++;
        return { ...current, reused: true };
      }
      // One new data key however many seal at once: the first to find none makes it, the others wait for it.
      this.making ??= this.newDataKey(reference)
        .then((made) => {
          this.sealingKey = { ...made, madeAt: this.now(), uses: 0 };
        })
        .finally(() => {
          this.making = undefined;
        });
      await this.making;
    }
  }

  private async newDataKey(reference: Reference): Promise<{ plaintext: Buffer; wrapped: string; keyId: string }> {
    const { Plaintext, CiphertextBlob, KeyId } = await this.client.send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: this.encryptionContext(reference) }),
    );
    if (Plaintext === undefined || CiphertextBlob === undefined || KeyId === undefined) {
      Plaintext?.fill(0);
      throw new Error('KMS returned no data key');
    }
    const made = { plaintext: Buffer.from(Plaintext), wrapped: Buffer.from(CiphertextBlob).toString('base64'), keyId: KeyId };
    Plaintext.fill(0);
    return made;
  }

  async seal(reference: Reference, plaintext: string): Promise<SealedWithItsKey> {
    const dataKey = await this.dataKeyForSealing(reference);
    try {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', dataKey.plaintext, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(reference, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        algorithm: ALGORITHM,
        keyId: dataKey.keyId,
        encryptedDataKey: dataKey.wrapped,
        iv: iv.toString('base64'),
        ciphertext: ciphertext.toString('base64'),
        authTag: cipher.getAuthTag().toString('base64'),
      };
    } finally {
      if (!dataKey.reused) dataKey.plaintext.fill(0);
    }
  }

  /** The data key a text was sealed with: unwrapped by KMS, or (when reusing) one unwrapped before. */
  private async dataKeyForOpening(reference: Reference, wrapped: string): Promise<{ plaintext: Buffer; kept: boolean }> {
    if (this.reuse !== undefined) {
      const opened = this.openedKeys.get(wrapped);
      if (opened !== undefined && this.now() - opened.openedAt < this.reuse.maxAgeMs) return { plaintext: opened.plaintext, kept: true };
    }
    // KeyId is this vault's key, not the one the sealed form names: KMS then refuses a data key
    // wrapped by any other key (IncorrectKeyException) instead of trying whatever key a record names.
    const unwrap = (context: Record<string, string>) =>
      this.client.send(new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: Buffer.from(wrapped, 'base64'), EncryptionContext: context }));
    let answer;
    try {
      answer = await unwrap(this.encryptionContext(reference));
    } catch (error) {
      // Sealed before data keys were reused (the reference in the context): opened as it was sealed.
      if (this.reuse === undefined || !(error instanceof Error) || error.name !== 'InvalidCiphertextException') throw error;
      answer = await unwrap({ reference, purpose: this.purpose });
    }
    if (answer.Plaintext === undefined) throw new Error('KMS returned no data key');
    const plaintext = Buffer.from(answer.Plaintext);
    answer.Plaintext.fill(0);
    if (this.reuse === undefined) return { plaintext, kept: false };
    this.openedKeys.set(wrapped, { plaintext, openedAt: this.now() });
    if (this.openedKeys.size > OPENED_KEYS_KEPT) {
      const [oldest] = this.openedKeys.keys();
      if (oldest !== undefined) {
        this.openedKeys.get(oldest)?.plaintext.fill(0);
        this.openedKeys.delete(oldest);
      }
    }
    return { plaintext, kept: true };
  }

  async open(reference: Reference, sealed: SealedOriginal): Promise<string> {
    if (sealed.version !== undefined) throw new Error('A text sealed under a kept data key is opened by the shreddable vault');
    if (sealed.algorithm !== ALGORITHM) throw new Error(`Cannot open an original sealed with ${String(sealed.algorithm)}`);
    const iv = Buffer.from(sealed.iv, 'base64');
    const authTag = Buffer.from(sealed.authTag, 'base64');
    if (iv.length !== IV_BYTES || authTag.length !== TAG_BYTES) throw new Error('The sealed original is malformed');
    const dataKey = await this.dataKeyForOpening(reference, sealed.encryptedDataKey);
    try {
      const decipher = createDecipheriv('aes-256-gcm', dataKey.plaintext, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(reference, 'utf8'));
      decipher.setAuthTag(authTag);
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } finally {
      if (!dataKey.kept) dataKey.plaintext.fill(0);
    }
  }
}
