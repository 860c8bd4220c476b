/**
 * The usage meter's arithmetic (local/usage-meter.ts) and the local IAM check's metered mode
 * (local/dynamodb-guard.ts): DynamoDB's item sizes and capacity rules where DynamoDB Local does
 * not follow them, SQS's 64 KB billing, and a proxy that asks for consumed capacity without the
 * function seeing any difference, and changes nothing when nothing is metered.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startDynamoDbGuard, type DynamoDbGuard, type DynamoDbRequestUse, type TableShape } from '../../local/dynamodb-guard.ts';
import { billedSqsRequests, capacityOf, isFifoQueue, itemSize } from '../../local/usage-meter.ts';

const S = (value: string) => ({ S: value });
const use = (overrides: Partial<DynamoDbRequestUse>): DynamoDbRequestUse => ({
  function: 'Fn',
  operation: 'PutItem',
  items: [],
  consumed: [],
  status: 200,
  consistentRead: false,
  ...overrides,
});

describe('the usage meter', () => {
  it("sizes an item as DynamoDB does: each attribute's name and value", () => {
    assert.equal(itemSize({ PK: S('abc'), n: { N: '12345' }, ok: { BOOL: true } }), 2 + 3 + (1 + 3 + 1) + (2 + 1));
    assert.equal(itemSize({ m: { M: { a: S('xy') } } }), 1 + 3 + (1 + 1 + 2));
    assert.equal(itemSize(undefined), 0);
  });

  it('bills each item of a transaction on its own, 2 write units a KB, where DynamoDB Local reports the whole', () => {
    const item = (sk: string) => ({ PK: S('a'), SK: S(sk), v: S('x'.repeat(600)) });
    const transaction = use({
      operation: 'TransactWriteItems',
      consumed: [{ CapacityUnits: 2, Table: { CapacityUnits: 2 } }],
      images: [{ after: item('1') }, { after: item('2') }, { after: item('3') }],
    });
    assert.deepEqual(capacityOf(transaction), { read: 0, write: 6, indexWrite: 0, reportedWrite: 2 });
    // The larger of before and after, and the indexes' share as reported.
    const rewritten = use({
      operation: 'TransactWriteItems',
      consumed: [{ CapacityUnits: 6, Table: { CapacityUnits: 2 }, GlobalSecondaryIndexes: { GSI1: { CapacityUnits: 4 } } }],
      images: [{ before: { PK: S('a'), v: S('x'.repeat(1500)) }, after: { PK: S('a') } }],
    });
    assert.deepEqual(capacityOf(rewritten), { read: 0, write: 8, indexWrite: 4, reportedWrite: 6 });
  });

  it('counts an empty Query at the least a read costs, and takes other figures as reported', () => {
    assert.equal(capacityOf(use({ operation: 'Query', consumed: [{ CapacityUnits: 0 }] })).read, 0.5);
    assert.equal(capacityOf(use({ operation: 'Query', consumed: [{ CapacityUnits: 0 }], consistentRead: true })).read, 1);
    assert.deepEqual(capacityOf(use({ operation: 'GetItem', consumed: [{ CapacityUnits: 1 }] })), { read: 1, write: 0, indexWrite: 0, reportedWrite: 0 });
    assert.deepEqual(capacityOf(use({ operation: 'PutItem', consumed: [{ CapacityUnits: 2 }] })), { read: 0, write: 2, indexWrite: 0, reportedWrite: 2 });
  });

  it('bills an SQS request for each 64 KB of payload, and at least one', () => {
    assert.equal(billedSqsRequests({ payloadBytes: 0 }), 1);
    assert.equal(billedSqsRequests({ payloadBytes: 64 * 1024 }), 1);
    assert.equal(billedSqsRequests({ payloadBytes: 64 * 1024 + 1 }), 2);
    assert.equal(isFifoQueue('http://127.0.0.1:1/000000000000/pac-local-reports-kent.fifo'), true);
    assert.equal(isFifoQueue('http://127.0.0.1:1/000000000000/pac-local-intake'), false);
  });
});

describe('the local IAM check, metered', () => {
  const table: TableShape = { arn: 'arn:aws:dynamodb:local:000000000000:table/reports', partitionKey: 'PK', sortKey: 'SK', indexes: {} };
  const seen: string[] = [];
  let upstream: ReturnType<typeof createServer>;
  let upstreamUrl = '';
  const guards: DynamoDbGuard[] = [];
  const uses: DynamoDbRequestUse[] = [];

  before(async () => {
    // Stands in for DynamoDB Local: records what it is sent, and reports capacity when asked.
    upstream = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push(body);
        const asked = (JSON.parse(body) as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity;
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amz-crc32': '1' });
        response.end(JSON.stringify({ Item: { PK: S('REPORT#1') }, ...(asked === undefined ? {} : { ConsumedCapacity: { TableName: 'reports', CapacityUnits: 1 } }) }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const guard of guards) await guard.stop();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  const guardWith = async (options: Parameters<typeof startDynamoDbGuard>[3]) => {
    const guard = await startDynamoDbGuard(upstreamUrl, () => [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }], () => table, options);
    guards.push(guard);
    return guard;
  };
  const getItem = async (guard: DynamoDbGuard, extra: Record<string, unknown> = {}) => {
    const body = JSON.stringify({ TableName: 'reports', Key: { PK: S('REPORT#1'), SK: S('REPORT') }, ...extra });
    const answer = await fetch(`${guard.endpointFor('Fn')}/`, { method: 'POST', headers: { 'x-amz-target': 'DynamoDB_20120810.GetItem', 'content-type': 'application/x-amz-json-1.0' }, body });
    return { sent: body, headers: answer.headers, answer: (await answer.json()) as Record<string, unknown> };
  };

  it('asks DynamoDB for the capacity a function consumed, tells the meter, and answers the function as if it had not', async () => {
    const guard = await guardWith({ onRequest: (u) => uses.push(u) });
    const { answer, headers } = await getItem(guard);
    assert.equal((JSON.parse(seen.at(-1)!) as Record<string, unknown>).ReturnConsumedCapacity, 'INDEXES');
    assert.deepEqual(answer, { Item: { PK: S('REPORT#1') } });
    assert.equal(headers.get('x-amz-crc32'), null, 'the checksum of a body the function does not get is not passed on');
    assert.deepEqual(uses.at(-1)?.items, [{ action: 'Get', key: 'REPORT#1 REPORT' }]);
    assert.deepEqual(uses.at(-1)?.consumed, [{ TableName: 'reports', CapacityUnits: 1 }]);
    // A function that asks for the capacity itself gets it.
    const asked = await getItem(guard, { ReturnConsumedCapacity: 'TOTAL' });
    assert.deepEqual(asked.answer.ConsumedCapacity, { TableName: 'reports', CapacityUnits: 1 });
  });

  it('passes requests through untouched when nothing is metered', async () => {
    const guard = await guardWith({});
    const { sent, answer, headers } = await getItem(guard);
    assert.equal(seen.at(-1), sent);
    assert.deepEqual(answer, { Item: { PK: S('REPORT#1') } });
    assert.equal(headers.get('x-amz-crc32'), '1');
  });
});
