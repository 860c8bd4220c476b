import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SQSRecord } from 'aws-lambda';
import { messagesToRetry } from '../../local/sqs-event-source.ts';

const batch = ['a', 'b', 'c'].map((messageId) => ({ messageId }) as SQSRecord);
const ids = (set: Set<string>) => [...set].sort();

describe("the local SQS event source retries what Lambda would", () => {
  it('only the records the function names, when it reports batch item failures', () => {
    const response = { batchItemFailures: [{ itemIdentifier: 'b' }] };
    assert.deepEqual(ids(messagesToRetry(batch, { threw: false, response }, true)), ['b']);
  });

  it('nothing when the function names no failures', () => {
    assert.deepEqual(ids(messagesToRetry(batch, { threw: false, response: { batchItemFailures: [] } }, true)), []);
    assert.deepEqual(ids(messagesToRetry(batch, { threw: false, response: undefined }, true)), []);
  });

  it('the whole batch when the function throws', () => {
    assert.deepEqual(ids(messagesToRetry(batch, { threw: true }, true)), ['a', 'b', 'c']);
  });

  it('the whole batch when the function names a record that was not in it', () => {
    const response = { batchItemFailures: [{ itemIdentifier: 'zzz' }] };
    assert.deepEqual(ids(messagesToRetry(batch, { threw: false, response }, true)), ['a', 'b', 'c']);
  });

  it('ignores the response when the mapping does not report batch item failures', () => {
    const response = { batchItemFailures: [{ itemIdentifier: 'b' }] };
    assert.deepEqual(ids(messagesToRetry(batch, { threw: false, response }, false)), []);
  });
});
