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
import type { SealedOriginal } from '#domain/entities/sealed-original.ts';
import type { Reference } from '#domain/reference.ts';

const ALGORITHM = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What a sealed text is for, bound into each data key's encryption context: a key's data keys open only for their purpose. */
export type SealingPurpose = 'report-original' | 'intake-message';

export class KmsOriginalsVault implements OriginalsVault {
  /** @param keyId the contact-centre key: key id, key ARN or alias, as KMS accepts them */
  private readonly client: KMSClient;
  private readonly keyId: string;
  private readonly purpose: SealingPurpose;

  constructor(client: KMSClient, keyId: string, purpose: SealingPurpose = 'report-original') {
    this.client = client;
    this.keyId = keyId;
    this.purpose = purpose;
  }

  private encryptionContext(reference: Reference) {
    return { reference, purpose: this.purpose };
  }

  async seal(reference: Reference, plaintext: string): Promise<SealedOriginal> {
    const { Plaintext: dataKey, CiphertextBlob, KeyId } = await this.client.send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: this.encryptionContext(reference) }),
    );
    if (dataKey === undefined || CiphertextBlob === undefined || KeyId === undefined) {
      dataKey?.fill(0);
      throw new Error('KMS returned no data key');
    }
    try {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(reference, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return {
        algorithm: ALGORITHM,
        keyId: KeyId,
        encryptedDataKey: Buffer.from(CiphertextBlob).toString('base64'),
        iv: iv.toString('base64'),
        ciphertext: ciphertext.toString('base64'),
        authTag: cipher.getAuthTag().toString('base64'),
      };
    } finally {
      dataKey.fill(0);
    }
  }

  async open(reference: Reference, sealed: SealedOriginal): Promise<string> {
    if (sealed.algorithm !== ALGORITHM) throw new Error(`Cannot open an original sealed with ${String(sealed.algorithm)}`);
    const iv = Buffer.from(sealed.iv, 'base64');
    const authTag = Buffer.from(sealed.authTag, 'base64');
    if (iv.length !== IV_BYTES || authTag.length !== TAG_BYTES) throw new Error('The sealed original is malformed');
    // KeyId is this vault's key, not the one the sealed form names: KMS then refuses a data key
    // wrapped by any other key (IncorrectKeyException) instead of trying whatever key a record names.
    const { Plaintext: dataKey } = await this.client.send(
      new DecryptCommand({
        KeyId: this.keyId,
        CiphertextBlob: Buffer.from(sealed.encryptedDataKey, 'base64'),
        EncryptionContext: this.encryptionContext(reference),
      }),
    );
    if (dataKey === undefined) throw new Error('KMS returned no data key');
    try {
      const decipher = createDecipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(reference, 'utf8'));
      decipher.setAuthTag(authTag);
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } finally {
      dataKey.fill(0);
    }
  }
}
