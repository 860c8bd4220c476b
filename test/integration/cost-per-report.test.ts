/**
 * What a report asks of AWS, counted, held where it is today: a change that adds an SQS request,
 * a DynamoDB write, a KMS request or an invocation to a report's way to its force fails here, so
 * that it is a decision rather than a drift. Counts only: `npm run bench` prints the cost and the
 * durations (scripts/bench-cost.ts), which this does not look at. When a change lowers a count,
 * lower the ceiling here with it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyEncryptionKeyRequests, measureReports, perReport } from '../../scripts/bench-cost.ts';
import { captureOutput } from '../support/local-stack.ts';
import { sharedForRun } from '../support/shared-run.ts';

captureOutput();

/** Per report with review off, from submission to the force's queue, as counted on 2026-12-03. */
const TODAY = {
  apiRequests: 1,
  invocations: 2,
  // SendMessage to intake, the router's event source's ReceiveMessage and DeleteMessageBatch, SendMessage to the force (FIFO).
  sqsRequests: 4,
  sqsFifo: 1,
  // One PutItem by the submit function (the reservation, holding the first follow-up code's hash); by the router two
  // transactions: keeping the sealed original (in its own item, written once) with its force's
  // reference claimed, before the send; then, once sent, recording the report (under 1 KB without
  // the original), received, routed and sent, with its four events as one item and its counters.
  // Retention (issue 16) added three, decided: one PutItem of the original's own data key in the
  // data keys table (it must live apart from the ciphertext, in a table never backed up, for
  // destroying it to shred every copy), and the report's entry in the Retention index, written
  // by the transaction that records it sent (two units: the bench counts a transaction's index
  // writes at the transactional rate). That entry is what lets the retention job find what is
  // due without reading the whole table every day.
  writeUnits: 16,
  // None: the router reads the report only when its original was kept already (a redelivery).
  readUnits: 0,
  // None once warm. The router seals each report's data key (its own, made at random) under a
  // key-encryption key it keeps for five minutes or a thousand reports
  // (functions/adapters/key-encryption-keys.ts): the warm-up report made it, below. Sealing for the
  // intake queue and opening it reuse a data key for minutes (functions/adapters/composition-root.ts).
  kmsRequests: 0,
} as const;

describe('the cost of a report, counted', () => {
  it('takes a report with review off to its force with no more requests, write units or invocations than today', async () => {
    const measurement = await measureReports({ review: 'off', reports: 1, ...sharedForRun('off') });
    assert.equal(measurement.refused, 0, 'the local IAM check refused a function');
    const counted = perReport(measurement);
    const over = (Object.keys(TODAY) as (keyof typeof TODAY)[])
      .filter((name) => counted[name] > TODAY[name])
      .map((name) => `${name}: ${counted[name]} per report, up from ${TODAY[name]}`);
    assert.deepEqual(over, [], `\n${over.join('\n')}\n(see npm run bench for where each comes from)`);
    // The meter must be counting at all: a report cannot reach its force without these.
    assert.equal(counted.apiRequests, 1);
    assert.ok(counted.sqsFifo >= 1, 'no request to the force queue was counted');
    assert.ok(counted.sqsRequests >= 2 && counted.writeUnits >= 2 && counted.invocations >= 2, JSON.stringify(counted));
    // The meter counts KMS: the warm-up report's router made the key-encryption key the counted reports were sealed under, once.
    assert.equal(keyEncryptionKeyRequests(measurement).length, 1, JSON.stringify(measurement.warmUpRequests));
  });
});
