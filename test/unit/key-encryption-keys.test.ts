/**
 * The key-encryption keys the originals vault seals each report's data key under
 * (functions/adapters/key-encryption-keys.ts), with an injected clock: one made for many reports,
 * another once five minutes or a thousand reports have passed, never two at once; and the vault
 * around them (functions/adapters/shreddable-vault.ts), with KMS and the data keys table as small
 * fakes in memory (the emulators' tests are test/integration/originals-vault.test.ts): a fresh data
 * key for every report, each bound to its report, so that two reports' key items swapped open
 * nothing, and a destroyed item opens nothing though its key-encryption key is still in others.
 */
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KEY_ENCRYPTION_KEY_LIMITS, KeyEncryptionKeys, type MadeKeyEncryptionKey } from '../../functions/adapters/key-encryption-keys.ts';
import { KEY_ENCRYPTION_PURPOSE, ShreddableOriginalsVault, wrappedDataKeyBinding } from '../../functions/adapters/shreddable-vault.ts';
import type { SealedUnderKeptKey } from '../../functions/domain/entities/sealed-original.ts';
import { KeyDestroyed } from '../../functions/domain/ports.ts';
import type { Reference } from '../../functions/domain/reference.ts';

const MINUTE = 60_000;

/** A clock the test moves. */
const clock = (start = 1_000_000) => {
  let now = start;
  return { now: () => now, pass: (ms: number) => (now += ms) };
};

/** Key-encryption keys as KMS would make them, counted. */
const maker = () => {
  const made: { id: string; plaintext: Buffer }[] = [];
  const make = async (id: string): Promise<MadeKeyEncryptionKey> => {
    const plaintext = randomBytes(32);
    made.push({ id, plaintext });
    return { plaintext, wrapped: `blob-${id}`, keyId: 'arn:aws:kms:eu-west-2:000000000000:key/test' };
  };
  return { made, make };
};

describe('key-encryption keys', () => {
  it('seals up to the limit of reports with one key, and makes the next at the next report', async () => {
    const { made, make } = maker();
    const keys = new KeyEncryptionKeys(make, { maxAgeMs: 5 * MINUTE, maxReports: 3 }, clock().now);
    const used: string[] = [];
    for (let i = 0; i < 7; i++) used.push(await keys.withKey((key) => key.id));
    assert.equal(made.length, 3);
    assert.deepEqual(used, [made[0]!.id, made[0]!.id, made[0]!.id, made[1]!.id, made[1]!.id, made[1]!.id, made[2]!.id]);
  });

  it('seals with one key until its time is up, and not a moment after', async () => {
    const { made, make } = maker();
    const time = clock();
    const keys = new KeyEncryptionKeys(make, { maxAgeMs: 5 * MINUTE, maxReports: 1_000 }, time.now);
    const first = await keys.withKey((key) => key.id);
    time.pass(5 * MINUTE - 1);
    assert.equal(await keys.withKey((key) => key.id), first, 'still the same a millisecond before five minutes');
    time.pass(1);
    const second = await keys.withKey((key) => key.id);
    assert.notEqual(second, first, 'a new one at five minutes');
    assert.equal(made.length, 2);
    assert.ok(made[0]!.plaintext.equals(Buffer.alloc(32)), 'the key that ran its course is zeroed in memory');
    assert.ok(!made[1]!.plaintext.equals(Buffer.alloc(32)));
  });

  it('wipes a key past its time at the next report even when making the next one fails', async () => {
    const { made, make } = maker();
    const time = clock();
    let failing = false;
    const keys = new KeyEncryptionKeys(async (id) => (failing ? Promise.reject(new Error('KMS is down')) : make(id)), { maxAgeMs: 5 * MINUTE, maxReports: 1_000 }, time.now);
    await keys.withKey((key) => key.id);
    time.pass(5 * MINUTE);
    failing = true;
    await assert.rejects(keys.withKey((key) => key.id), /KMS is down/);
    assert.ok(made[0]!.plaintext.equals(Buffer.alloc(32)), 'the expired key is not kept in memory while KMS cannot make the next');
  });

  it('asks KMS once however many reports come at once, and again after a failure', async () => {
    let asked = 0;
    let fail = true;
    const keys = new KeyEncryptionKeys(
      async (id) => {
        asked++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (fail) throw new Error('KMS throttled');
        return { plaintext: randomBytes(32), wrapped: id, keyId: 'k' };
      },
      { maxAgeMs: 5 * MINUTE, maxReports: 1_000 },
      clock().now,
    );
    const failed = await Promise.allSettled(Array.from({ length: 10 }, () => keys.withKey((key) => key.id)));
    assert.equal(asked, 1);
    assert.ok(failed.every((result) => result.status === 'rejected'));
    fail = false;
    const ids = await Promise.all(Array.from({ length: 10 }, () => keys.withKey((key) => key.id)));
    assert.equal(asked, 2);
    assert.equal(new Set(ids).size, 1);
  });

  it('are limited to five minutes and a thousand reports', () => {
    assert.deepEqual(KEY_ENCRYPTION_KEY_LIMITS, { maxAgeMs: 5 * MINUTE, maxReports: 1_000 });
  });
});

/** A KMS in memory for the two requests the vault makes: blobs sealed with its secret, bound to their encryption context. */
const fakeKms = () => {
  const secret = randomBytes(32);
  const requests: { operation: string; context: Record<string, string> }[] = [];
  const aad = (context: Record<string, string> = {}) => Buffer.from(JSON.stringify(Object.entries(context).sort()));
  const send = async (command: unknown) => {
    if (command instanceof GenerateDataKeyCommand) {
      const context = command.input.EncryptionContext ?? {};
      requests.push({ operation: 'GenerateDataKey', context });
      const plaintext = randomBytes(32);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv).setAAD(aad(context));
      const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return { Plaintext: new Uint8Array(plaintext), CiphertextBlob: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]), KeyId: 'arn:aws:kms:eu-west-2:000000000000:key/test' };
    }
    if (command instanceof DecryptCommand) {
      const context = command.input.EncryptionContext ?? {};
      requests.push({ operation: 'Decrypt', context });
      const blob = Buffer.from(command.input.CiphertextBlob!);
      const decipher = createDecipheriv('aes-256-gcm', secret, blob.subarray(0, 12)).setAAD(aad(context));
      decipher.setAuthTag(blob.subarray(12, 28));
      return { Plaintext: new Uint8Array(Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()])) };
    }
    throw new Error(`The fake KMS does not answer ${String(command)}`);
  };
  return { kms: { send } as unknown as KMSClient, requests };
};

/** The data keys table in memory. */
const fakeTable = () => {
  const items = new Map<string, Record<string, unknown>>();
  const keyOf = (key: Record<string, unknown>) => `${String(key.PK)}|${String(key.SK)}`;
  const send = async (command: unknown) => {
    if (command instanceof PutCommand) {
      const item = command.input.Item!;
      if (items.has(keyOf(item))) throw Object.assign(new Error('conditional'), { name: 'ConditionalCheckFailedException' });
      items.set(keyOf(item), structuredClone(item));
      return {};
    }
    if (command instanceof GetCommand) return { Item: structuredClone(items.get(keyOf(command.input.Key!))) };
    if (command instanceof DeleteCommand) {
      items.delete(keyOf(command.input.Key!));
      return {};
    }
    throw new Error(`The fake table does not answer ${String(command)}`);
  };
  return { client: { send } as unknown as DynamoDBDocumentClient, items };
};

const A = 'PAC-AAAA-BBBB' as Reference;
const B = 'PAC-CCCC-DDDD' as Reference;

const setUp = () => {
  const { kms, requests } = fakeKms();
  const table = fakeTable();
  const vault = new ShreddableOriginalsVault(kms, 'alias/test', table.client, 'keys', KEY_ENCRYPTION_KEY_LIMITS, clock().now);
  const itemOf = (reference: Reference, sealed: SealedUnderKeptKey) => table.items.get(`REPORT-KEYS#${reference}|KEY#${sealed.dataKey}`)!;
  return { vault, kms, requests, table, itemOf };
};

describe('the originals vault with key-encryption keys', () => {
  it('seals every report under a fresh data key of its own, wrapped by the one key-encryption key', async () => {
    const { vault, kms, requests, itemOf } = setUp();
    const sealed = await Promise.all(
      [A, B, A].map(async (reference, i) => ({ reference, report: await vault.sealReport(reference, `original ${i}`, `contact ${i}`) })),
    );
    assert.deepEqual(requests.map((r) => r.operation), ['GenerateDataKey'], 'one request to KMS for three reports');
    assert.deepEqual(Object.keys(requests[0]!.context).sort(), ['kek', 'purpose']);
    assert.equal(requests[0]!.context.purpose, KEY_ENCRYPTION_PURPOSE);
    assert.ok(!JSON.stringify(requests[0]!.context).includes('PAC-'), 'no reference in the key-encryption key\'s encryption context');
    const items = sealed.map(({ reference, report }) => itemOf(reference, report.original as SealedUnderKeptKey));
    assert.equal(new Set(items.map((item) => item.kek)).size, 1);
    assert.equal(new Set(items.map((item) => item.encryptedKek)).size, 1);
    assert.equal(new Set(sealed.map(({ report }) => (report.original as SealedUnderKeptKey).dataKey)).size, 3);
    // The data keys themselves, unwrapped with the key-encryption key as KMS would give it back.
    const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(String(items[0]!.encryptedKek), 'base64'), EncryptionContext: requests[0]!.context }));
    const kek = Buffer.from(Plaintext!);
    requests.pop();
    const unwrap = (i: number, reference: Reference, id: string) => {
      const wrapped = items[i]!.wrappedDataKey as { iv: string; ciphertext: string; authTag: string };
      const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64')).setAAD(Buffer.from(wrappedDataKeyBinding(reference, id)));
      decipher.setAuthTag(Buffer.from(wrapped.authTag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]).toString('hex');
    };
    const idOf = (i: number) => (sealed[i]!.report.original as SealedUnderKeptKey).dataKey;
    const dataKeys = sealed.map(({ reference }, i) => unwrap(i, reference, idOf(i)));
    assert.throws(() => unwrap(0, B, idOf(0)), /authenticate/, "A's data key is bound to A's reference");
    assert.throws(() => unwrap(0, A, idOf(2)), /authenticate/, 'and to its own id');
    assert.equal(new Set(dataKeys).size, 3, 'three different data keys');
    assert.ok(dataKeys.every((key) => key.length === 64));
    for (const [i, { reference, report }] of sealed.entries()) {
      assert.equal(report.original.version, 3);
      assert.deepEqual(await vault.openReport(reference, report), { original: `original ${i}`, contactDetails: `contact ${i}` });
    }
    assert.deepEqual(requests.map((r) => r.operation), ['GenerateDataKey', 'Decrypt', 'Decrypt', 'Decrypt'], 'one Decrypt for each report opened');
  });

  it('opens nothing when two reports\' key items are swapped, whole or only their wrapped data keys', async () => {
    const { vault, table, itemOf } = setUp();
    const a = await vault.sealReport(A, 'original of A', 'contact of A');
    const b = await vault.sealReport(B, 'original of B', 'contact of B');
    const keyA = `REPORT-KEYS#${A}|KEY#${(a.original as SealedUnderKeptKey).dataKey}`;
    const keyB = `REPORT-KEYS#${B}|KEY#${(b.original as SealedUnderKeptKey).dataKey}`;
    const itemA = itemOf(A, a.original as SealedUnderKeptKey);
    const itemB = itemOf(B, b.original as SealedUnderKeptKey);
    table.items.set(keyA, { ...itemB, PK: itemA.PK, SK: itemA.SK });
    table.items.set(keyB, { ...itemA, PK: itemB.PK, SK: itemB.SK });
    await assert.rejects(vault.openReport(A, a), /Unsupported state or unable to authenticate data/);
    await assert.rejects(vault.openReport(B, b), /Unsupported state or unable to authenticate data/);
    table.items.set(keyA, { ...itemA, wrappedDataKey: itemB.wrappedDataKey });
    await assert.rejects(vault.open(A, a.original), /Unsupported state or unable to authenticate data/);
    table.items.set(keyA, { ...itemA, kek: `${String(itemA.kek)}x` });
    await assert.rejects(vault.open(A, a.original), /authenticate/, 'the key-encryption key\'s id is bound by KMS');
    table.items.set(keyA, itemA);
    assert.equal(await vault.open(A, a.original), 'original of A', 'and opens again as it was');
  });

  it('opens nothing of a report whose key item is destroyed, though its key-encryption key still opens the others', async () => {
    const { vault, table } = setUp();
    const a = await vault.sealReport(A, 'original of A');
    const b = await vault.sealReport(B, 'original of B');
    await table.client.send(new DeleteCommand({ TableName: 'keys', Key: { PK: `REPORT-KEYS#${A}`, SK: `KEY#${(a.original as SealedUnderKeptKey).dataKey}` } }));
    await assert.rejects(vault.open(A, a.original), KeyDestroyed);
    assert.equal(await vault.open(B, b.original), 'original of B');
  });

  it('makes a new key-encryption key after the limit of reports, and the earlier reports still open', async () => {
    const { kms, requests } = fakeKms();
    const table = fakeTable();
    const vault = new ShreddableOriginalsVault(kms, 'alias/test', table.client, 'keys', { maxAgeMs: 5 * MINUTE, maxReports: 2 }, clock().now);
    const sealed = [];
    for (let i = 0; i < 5; i++) sealed.push(await vault.seal(A, `answer ${i}`));
    assert.equal(requests.filter((r) => r.operation === 'GenerateDataKey').length, 3);
    for (const [i, text] of sealed.entries()) assert.equal(await vault.open(A, text), `answer ${i}`);
  });
});
