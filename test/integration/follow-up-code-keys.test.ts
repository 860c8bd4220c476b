/**
 * The follow-up code key on DynamoDB Local and the local KMS: made once however many functions
 * need it first at the same moment, opened by every function after, and the codes issued before
 * keyed hashes (scrypt) still open the reporter's report.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoFollowUpAccess } from '../../functions/adapters/follow-up-access-store.ts';
import { CODE_KEY_PARTITION, KmsFollowUpCodeKeys } from '../../functions/adapters/follow-up-code-keys.ts';
import { newFollowUpCode, scryptCredentialFor, groupedFollowUpCode } from '../../functions/domain/follow-up-code.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { localDynamoDbClient, localKmsClient } from '../../local/emulators.ts';
import { captureOutput, postJson, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack();

const keysAsAFunction = () =>
  new KmsFollowUpCodeKeys(
    localKmsClient(local.stack.kmsEndpoint),
    DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint)),
    local.stack.tableName,
    local.functionSetting('FOLLOW_UP_CODE_KEY_ID'),
  );

describe('the follow-up code key', () => {
  it('is made once when several functions need it first at the same moment, and every one uses that one', async () => {
    const functions = Array.from({ length: 6 }, keysAsAFunction);
    const keys = await Promise.all(functions.map((keys) => keys.current()));
    assert.equal(new Set(keys.map((key) => key.secret.toString('base64'))).size, 1);
    const { Items = [] } = await DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint)).send(
      new QueryCommand({ TableName: local.stack.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': CODE_KEY_PARTITION } }),
    );
    assert.equal(Items.length, 1);
    assert.ok(!JSON.stringify(Items).includes(keys[0]!.secret.toString('base64')), 'only the wrapped key is kept');
    const later = await keysAsAFunction().find('v1');
    assert.equal(later?.secret.toString('base64'), keys[0]!.secret.toString('base64'));
    assert.equal(await keysAsAFunction().find('v2'), undefined);
  });

  it('leaves the codes issued before as scrypt hashes working: the reporter still gets in', async () => {
    const answer = await postJson(`${local.stack.apiUrl}/reports`, minimalReport({ force: 'Kent' }));
    assert.equal(answer.status, 202, answer.text);
    const { reference } = answer.json<{ reference: Reference }>();
    // As if this report's code had been issued before keyed hashes: its credential is scrypt.
    const oldCode = newFollowUpCode();
    const access = new DynamoFollowUpAccess(DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint)), local.stack.tableName);
    await access.saveCredential(reference, await scryptCredentialFor(oldCode, new Date('2025-06-01T00:00:00Z')));

    const opened = await postJson(`${local.stack.apiUrl}/reports/${reference}/follow-up`, { code: groupedFollowUpCode(oldCode) });
    assert.equal(opened.status, 200, opened.text);
    const refused = await postJson(`${local.stack.apiUrl}/reports/${reference}/follow-up`, { code: newFollowUpCode() });
    assert.equal(refused.status, 404);
  });
});
