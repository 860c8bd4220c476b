/**
 * The follow-up code key: a 256-bit secret that every new follow-up code is hashed under
 * (functions/domain/follow-up-code.ts), kept in the report table only as KMS wrapped it under the
 * follow-up code key in KMS, which only the functions that issue or check codes may use
 * (lib/key-access.ts). Made once and opened once per execution environment, as every such secret
 * is (wrapped-secrets.ts).
 *
 * | item     | PK                 | SK        |
 * | code key | FOLLOW-UP-CODE-KEY | <version> |
 */
import type { KMSClient } from '@aws-sdk/client-kms';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CODE_KEY_VERSION, type CodeKey, type CodeKeys } from '#domain/follow-up-code.ts';
import { KmsWrappedSecrets } from './wrapped-secrets.ts';

export const CODE_KEY_PARTITION = 'FOLLOW-UP-CODE-KEY';

export class KmsFollowUpCodeKeys implements CodeKeys {
  private readonly secrets: KmsWrappedSecrets;

  constructor(kms: KMSClient, client: DynamoDBDocumentClient, tableName: string, kmsKeyId: string) {
    this.secrets = new KmsWrappedSecrets(kms, client, tableName, kmsKeyId, { partition: CODE_KEY_PARTITION, purpose: 'follow-up-code-key' });
  }

  current(): Promise<CodeKey> {
    return this.secrets.current(CODE_KEY_VERSION);
  }

  find(version: string): Promise<CodeKey | undefined> {
    return this.secrets.find(version);
  }
}
