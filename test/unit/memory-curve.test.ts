/**
 * The model behind the Lambda memory of the submitting and follow-up functions
 * (scripts/bench-memory.ts): CPU scaled by the vCPU share, wait untouched, the cheapest setting
 * within the bound; and the stack sets what the curve chose.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chosenMemory, modelledMs, ONE_VCPU_MB, usdPerMillion } from '../../scripts/bench-memory.ts';
import { FOLLOW_UP_MEMORY, ROUTE_FUNCTIONS, SUBMITTING_MEMORY } from '../../lib/route-registry.ts';

describe('the memory curve', () => {
  it('scales CPU by the share of one vCPU and leaves the wait as it is', () => {
    assert.equal(modelledMs(10, 40, ONE_VCPU_MB), 50);
    assert.equal(modelledMs(10, 40, ONE_VCPU_MB / 2), 60);
    // A single-threaded function gains nothing past one vCPU.
    assert.equal(modelledMs(10, 40, 3008), 50);
  });

  it('bills each request and its duration, rounded up to the millisecond', () => {
    // 100 ms at 1,024 MB: 0.1 GB-s at $0.0000133334, and $0.20 a million requests.
    assert.ok(Math.abs(usdPerMillion(99.2, 1024) - (0.2 + 0.1 * 0.0000133334 * 1e6)) < 1e-9);
  });

  it('chooses the cheapest setting whose CPU share adds at most the bound', () => {
    // 8 ms of CPU, a bound of 100 ms: 128 MB adds 110 ms, 256 MB 55 ms.
    assert.equal(chosenMemory(8, 40, 100), 256);
    // 85 ms of CPU, a bound of 250 ms: 512 MB adds 294 ms, 768 MB 196 ms.
    assert.equal(chosenMemory(85, 80, 250), 768);
    assert.equal(chosenMemory(1000, 0, 100), undefined);
  });

  it('the submitting and follow-up functions run at the memory the curve chose', () => {
    const memoryOf = (name: string) => ROUTE_FUNCTIONS.find((fn) => fn.name === name)?.memorySize;
    for (const name of ['SubmitReport', 'ReportForm']) assert.equal(memoryOf(name), SUBMITTING_MEMORY, name);
    for (const name of ['OpenReport', 'AnswerQuestion', 'AddInformation', 'FollowUpPages']) assert.equal(memoryOf(name), FOLLOW_UP_MEMORY, name);
  });
});
