import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { groupedNumber } from '../../functions/domain/entities/numerals.ts';

describe('groupedNumber', () => {
  it('writes every number as toLocaleString("en-GB") does', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -1e15, max: 1e15 }), fc.double({ noNaN: true })), (value) => groupedNumber(value) === value.toLocaleString('en-GB')));
    for (const value of [0, 7, 999, 1_000, 10_000, 64 * 1024, 1_234_567]) assert.equal(groupedNumber(value), value.toLocaleString('en-GB'));
  });
});
