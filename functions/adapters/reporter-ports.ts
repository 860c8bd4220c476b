/**
 * What the reporter's follow-up functions (the API's and the website's) work with: codes and
 * attempts, reports, questions and answers, and the vault that seals what the reporter writes.
 */
import { documentClient } from './dynamodb-client.ts';
import { requiredEnvironment } from './environment.ts';
import { DynamoFollowUpAccess } from './follow-up-access-store.ts';
import { DynamoFollowUpStore } from './follow-up-store.ts';
import { kmsClient } from './kms-client.ts';
import { KmsOriginalsVault } from './originals-vault.ts';
import { DynamoReportStore } from './report-store.ts';

export const reporterPorts = () => {
  const tableName = requiredEnvironment('TABLE_NAME');
  return {
    access: new DynamoFollowUpAccess(documentClient, tableName),
    reports: new DynamoReportStore(documentClient, tableName),
    followUps: new DynamoFollowUpStore(documentClient, tableName),
    vault: new KmsOriginalsVault(kmsClient, requiredEnvironment('ORIGINALS_KEY_ID')),
  };
};
