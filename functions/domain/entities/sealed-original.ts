/**
 * A report's original words, sealed so that only the contact centre can read them: the original
 * may identify the reporter, and is never sent to a force.
 */
export interface SealedOriginal {
  readonly algorithm: 'AES-256-GCM';
  /** The key that wraps the data key (a KMS key ARN in AWS). */
  readonly keyId: string;
  /** Base64 of the data key as wrapped by the key. */
  readonly encryptedDataKey: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly authTag: string;
}
