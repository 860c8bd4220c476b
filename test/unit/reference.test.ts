import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newReference, parseReference, REFERENCE_PATTERN } from '../../functions/domain/reference.ts';

describe('report references', () => {
  it('look like PAC-7K3M-9QXD and never use I, L, O or U', () => {
    for (let i = 0; i < 2000; i++) {
      const reference = newReference();
      assert.match(reference, REFERENCE_PATTERN);
      assert.doesNotMatch(reference.slice(4), /[ILOU]/);
    }
  });

  it('use every symbol of the alphabet, each from 8 of the 256 byte values', () => {
    const bytes = Uint8Array.from({ length: 8 }, (_, i) => i * 32 + 31);
    assert.equal(newReference((b) => (b.set(bytes), b)), 'PAC-ZZZZ-ZZZZ');
    const low = Uint8Array.from([0, 1, 2, 3, 10, 18, 20, 31]);
    assert.equal(newReference((b) => (b.set(low), b)), 'PAC-0123-AJMZ');
  });

  it('are different each time', () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => newReference()));
    assert.equal(seen.size, 10_000);
  });

  it('are understood however they are read back', () => {
    assert.equal(parseReference('PAC-7K3M-9QXD'), 'PAC-7K3M-9QXD');
    assert.equal(parseReference('pac 7k3m 9qxd'), 'PAC-7K3M-9QXD');
    assert.equal(parseReference('7K3M9QXD'), 'PAC-7K3M-9QXD');
    assert.equal(parseReference('PAC-7K3M-9QXO'), 'PAC-7K3M-9QX0');
    assert.equal(parseReference('PAC-IL3M-9QXD'), 'PAC-113M-9QXD');
    assert.equal(parseReference('PAC-7K3M-9QX'), undefined);
    assert.equal(parseReference('PAC-7K3M-9QXU'), undefined);
  });
});
