/**
 * Least privilege as a function with a foothold would meet it: acting as one of the stack's
 * functions (through the local IAM check, which holds it to its role's statements from the
 * template, local/dynamodb-guard.ts), it can do what lib/table-access.ts declares for it and
 * nothing else. The same check stands between every function and DynamoDB Local in every
 * integration test, and a refusal there fails the file (test/support/local-stack.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators.ts';
import { captureOutput, useLocalStack } from '../support/local-stack.ts';

captureOutput();
const local = useLocalStack();

/** A DynamoDB client that acts as the function running the handler, as a probe. */
const actingAs = (handler: string) => {
  const found = [...local.stack.functions].find(([, fn]) => fn.handlerModule === `functions/handlers/${handler}.ts`);
  assert.ok(found !== undefined, `no function runs ${handler}`);
  const endpoint = local.stack.dynamoDbGuard.endpointFor(found[0], { probe: true });
  return DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
};

const refusedAccess = async (attempt: Promise<unknown>) => {
  await assert.rejects(attempt, (error: Error) => error.name === 'AccessDeniedException');
};

describe('each function in the report table, as its role allows', () => {
  it('lets the public submit function write report items, and not read, delete, query or scan them, touch the counters or any index', async () => {
    const submit = actingAs('submit-report');
    const TableName = local.stack.tableName;
    await submit.send(new PutCommand({ TableName, Item: { PK: 'REPORT#PAC-PROB-E001', SK: 'RESERVATION', kind: 'reservation' } }));
    await refusedAccess(submit.send(new GetCommand({ TableName, Key: { PK: 'REPORT#PAC-PROB-E001', SK: 'RESERVATION' } })));
    await refusedAccess(submit.send(new DeleteCommand({ TableName, Key: { PK: 'REPORT#PAC-PROB-E001', SK: 'RESERVATION' } })));
    await refusedAccess(submit.send(new QueryCommand({ TableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'REPORT#PAC-PROB-E001' } })));
    await refusedAccess(submit.send(new ScanCommand({ TableName })));
    await refusedAccess(submit.send(new PutCommand({ TableName, Item: { PK: 'STATS#kent', SK: '2024-05', kind: 'statistics', closed: 99 } })));
    await refusedAccess(
      submit.send(
        new QueryCommand({ TableName, IndexName: 'Queues', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': 'REVIEW#awaiting' } }),
      ),
    );
  });

  it('lets the statistics function read the counters and nothing else', async () => {
    const statistics = actingAs('get-statistics');
    const TableName = local.stack.tableName;
    const counters = await statistics.send(new QueryCommand({ TableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'STATS#kent' } }));
    assert.deepEqual(counters.Items, []);
    await refusedAccess(statistics.send(new QueryCommand({ TableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'REPORT#PAC-PROB-E001' } })));
    await refusedAccess(statistics.send(new GetCommand({ TableName, Key: { PK: 'REPORT#PAC-PROB-E001', SK: 'REPORT' } })));
  });

  it("lets a force's list read the reports with a destination, never the review queue or the reporters' codes", async () => {
    const list = actingAs('list-force-reports');
    const TableName = local.stack.tableName;
    const query = (pk: string) =>
      list.send(new QueryCommand({ TableName, IndexName: 'Queues', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': pk } }));
    assert.deepEqual((await query('DESTINATION#kent')).Items, []);
    await refusedAccess(query('REVIEW#awaiting'));
    await refusedAccess(query('FOLLOW-UP#awaiting_review'));
    await refusedAccess(list.send(new GetCommand({ TableName, Key: { PK: 'REPORT#PAC-PROB-E001', SK: 'FOLLOW-UP-CODE' } })));
  });

  it('records every refusal, named by function, and none of them as the function acting on its own', () => {
    const refused = local.stack.dynamoDbGuard.refused;
    assert.ok(refused.length >= 10);
    assert.ok(refused.every((refusal) => refusal.probe));
  });
});
