import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { codeShownBefore, confirmationSeal, newFollowUpCode, type CodeKey } from '../../functions/domain/follow-up-code.ts';
import type { Reference } from '../../functions/domain/reference.ts';

const key: CodeKey = { version: 'v1', secret: randomBytes(32) };
const other: CodeKey = { version: 'v1', secret: randomBytes(32) };
const keys = (held: CodeKey) => ({ find: async (version: string) => (version === held.version ? held : undefined) });
const reference = 'PAC-7K3M-X9QD' as Reference;
const idempotencyKey = '6f1c2a4e-1b2c-4d3e-8f40-5a6b7c8d9e0f';

test('a confirmation\'s own seal gives its code back, grouped or not', async () => {
  const code = newFollowUpCode();
  const seal = confirmationSeal({ reference, code, idempotencyKey }, key);
  assert.equal(await codeShownBefore(reference, idempotencyKey, { code, seal }, keys(key)), code);
  assert.equal(await codeShownBefore(reference, idempotencyKey, { code: code.replace(/(\d{4})(?=\d)/g, '$1 '), seal }, keys(key)), code);
});

test('a seal holds only for its reference, code, form key and code key', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('reference', 'code', 'idempotencyKey', 'secret', 'version', 'seal'), async (changed) => {
      const code = newFollowUpCode();
      const seal = confirmationSeal({ reference, code, idempotencyKey }, key);
      const sent = {
        reference: changed === 'reference' ? ('PAC-7K3M-X9QE' as Reference) : reference,
        idempotencyKey: changed === 'idempotencyKey' ? idempotencyKey.replace('6f', '7f') : idempotencyKey,
        code: changed === 'code' ? newFollowUpCode() : code,
        seal: changed === 'version' ? seal.replace(/^v1/, 'v2') : changed === 'seal' ? `${seal.slice(0, -2)}${seal.endsWith('AA') ? 'AB' : 'AA'}` : seal,
      };
      const found = await codeShownBefore(sent.reference, sent.idempotencyKey, { code: sent.code, seal: sent.seal }, keys(changed === 'secret' ? other : key));
      assert.equal(found, undefined, changed);
    }),
    { numRuns: 60 },
  );
});

test('nothing malformed passes', async () => {
  for (const sent of [
    { code: null, seal: null },
    { code: '123', seal: 'v1.x' },
    { code: '1234567890123456', seal: '' },
    { code: '1234567890123456', seal: 'v1' },
    { code: '1234567890123456', seal: `v1.${'A'.repeat(44)}` },
  ]) {
    assert.equal(await codeShownBefore(reference, idempotencyKey, sent, keys(key)), undefined, JSON.stringify(sent));
  }
});
