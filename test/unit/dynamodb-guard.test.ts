/**
 * The local IAM check (local/dynamodb-guard.ts) evaluates the statements as IAM does, for the
 * operations the functions use: what each request asks for, and whether a role's statements allow
 * it. A check that allowed too much would let a grant too narrow pass locally and fail in AWS.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorisationsFor, isAllowed, type PolicyStatement, type TableShape } from '../../local/dynamodb-guard.ts';

const table: TableShape = { arn: 'arn:aws:dynamodb:local:000000000000:table/reports', partitionKey: 'PK', indexes: { GSI1: 'GSI1PK' } };
const tableNamed = (name: string) => {
  assert.equal(name, 'reports');
  return table;
};
const S = (value: string) => ({ S: value });

const reportWriter: PolicyStatement[] = [
  {
    Effect: 'Allow',
    Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
    Resource: table.arn,
    Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REPORT#*'] } },
  },
  {
    Effect: 'Allow',
    Action: 'dynamodb:Query',
    Resource: `${table.arn}/index/GSI1`,
    Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REVIEW#awaiting'] } },
  },
];

const allowed = (operation: string, body: Record<string, unknown>, statements = reportWriter) =>
  authorisationsFor(operation, { TableName: 'reports', ...body }, tableNamed).every((request) => isAllowed(statements, request));

describe('the local IAM check', () => {
  it('allows an item only in the partitions the statement names', () => {
    assert.equal(allowed('GetItem', { Key: { PK: S('REPORT#PAC-AAAA-BBBB'), SK: S('REPORT') } }), true);
    assert.equal(allowed('GetItem', { Key: { PK: S('STATS#kent'), SK: S('2024-05') } }), false);
    assert.equal(allowed('PutItem', { Item: { PK: S('REPORT#PAC-AAAA-BBBB'), SK: S('EVENT#x') } }), true);
    assert.equal(allowed('PutItem', { Item: { PK: S('FORCE-REFERENCE#FR-1'), SK: S('FORCE-REFERENCE') } }), false);
  });

  it('allows only the actions named', () => {
    assert.equal(allowed('UpdateItem', { Key: { PK: S('REPORT#PAC-AAAA-BBBB'), SK: S('REPORT') } }), false);
    assert.equal(allowed('DeleteItem', { Key: { PK: S('REPORT#PAC-AAAA-BBBB'), SK: S('REPORT') } }), false);
  });

  it("checks every item of a transaction by its own action, and refuses the whole if one is not allowed", () => {
    const put = (pk: string) => ({ Put: { TableName: 'reports', Item: { PK: S(pk), SK: S('x') } } });
    assert.equal(allowed('TransactWriteItems', { TransactItems: [put('REPORT#A'), put('REPORT#B')] }), true);
    assert.equal(allowed('TransactWriteItems', { TransactItems: [put('REPORT#A'), put('STATS#kent')] }), false);
    assert.equal(
      allowed('TransactWriteItems', { TransactItems: [put('REPORT#A'), { Update: { TableName: 'reports', Key: { PK: S('REPORT#A'), SK: S('x') } } }] }),
      false,
      'an Update in a transaction needs UpdateItem',
    );
  });

  it("reads a query's partition from its key condition, on the table or on the index it names", () => {
    const onIndex = (value: string) => ({
      IndexName: 'GSI1',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'GSI1PK' },
      ExpressionAttributeValues: { ':pk': S(value) },
    });
    assert.equal(allowed('Query', onIndex('REVIEW#awaiting')), true);
    assert.equal(allowed('Query', onIndex('DESTINATION#kent')), false);
    assert.equal(allowed('Query', { KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': S('REPORT#A') } }), false, 'no Query on the table');
  });

  it('lets a Scan through a ForAllValues condition only where Scan is granted, as IAM does', () => {
    const scanner: PolicyStatement[] = [{ ...reportWriter[0]!, Action: 'dynamodb:Scan' }];
    assert.equal(allowed('Scan', {}, scanner), true, 'no leading keys: ForAllValues holds');
    assert.equal(allowed('Scan', {}), false);
  });

  it('lets an explicit Deny win over any Allow', () => {
    const denied: PolicyStatement[] = [...reportWriter, { Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' }];
    assert.equal(allowed('GetItem', { Key: { PK: S('REPORT#A'), SK: S('REPORT') } }, denied), false);
  });

  it('fails loudly on a condition it does not evaluate, rather than guess', () => {
    const unknown: PolicyStatement[] = [{ ...reportWriter[0]!, Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } }];
    assert.throws(() => allowed('GetItem', { Key: { PK: S('REPORT#A'), SK: S('REPORT') } }, unknown), /does not evaluate StringEquals/);
  });
});
