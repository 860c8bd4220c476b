/**
 * A reporter who double-clicks or sends again after a dropped connection makes one report, not
 * two: the same Idempotency-Key with the same report answers with the same reference.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { captureOutput, notificationsFor, postJson, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

const output = captureOutput();
const local = useLocalStack();
const keysUsed: string[] = [];
const submit = (report: unknown, key?: string) => {
  if (key !== undefined) keysUsed.push(key);
  return postJson(`${local.stack.apiUrl}/reports`, report, key === undefined ? {} : { 'idempotency-key': key });
};

describe('idempotent submission', () => {
  it('answers the same key and report with the same reference, and takes the report in once', async () => {
    const key = randomUUID();
    const report = minimalReport({ force: 'Essex' });
    // A double click (two at once), then a resend after the first answers.
    const doubleClick = await Promise.all([submit(report, key), submit(report, key)]);
    const answers = [...doubleClick, await submit(report, key)];
    const settled = answers.filter((a) => a.status === 202);
    assert.ok(settled.length >= 2, answers.map((a) => `${a.status} ${a.text}`).join('\n'));
    for (const answer of answers) assert.ok(answer.status === 202 || answer.status === 409, `${answer.status} ${answer.text}`);
    const references = new Set(settled.map((a) => a.json().reference));
    assert.equal(references.size, 1);
    const [reference] = references as Set<string>;
    assert.equal((await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-essex.fifo'), reference!)).length, 1);
    const taken = (await local.scanTable()).filter((item) => item.SK === 'RESERVATION');
    assert.equal(taken.filter((item) => String(item.PK).includes(reference!)).length, 1);
  });

  it('refuses the same key with a different report with 422', async () => {
    const key = randomUUID();
    assert.equal((await submit(minimalReport({ force: 'Essex' }), key)).status, 202);
    const other = await submit(minimalReport({ force: 'Kent' }), key);
    assert.equal(other.status, 422, other.text);
    assert.equal(other.headers['content-type'], 'application/problem+json');
    assert.equal(other.json().type, '/problems/idempotency-key-reused');
  });

  it('takes two reports without a key as two reports', async () => {
    const report = minimalReport({ force: 'Essex' });
    const [a, b] = [await submit(report), await submit(report)];
    assert.notEqual(a.json().reference, b.json().reference);
  });

  it('keeps every key out of every log line', () => {
    assert.ok(keysUsed.length >= 5);
    const logs = output.text();
    for (const key of keysUsed) assert.ok(!logs.includes(key), `${key} was logged`);
  });
});
