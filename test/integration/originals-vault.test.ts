/**
 * The originals vault on the local KMS emulator, through the real AWS SDK client: what the
 * contact centre seals it can open again, and nothing else can open it, whether the sealed form
 * was altered, filed under another report or opened with another key. The emulator answers the
 * SDK as KMS does, typed errors included.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSClient,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { KmsOriginalsVault } from '../../functions/adapters/originals-vault.ts';
import type { SealedWithItsKey as SealedOriginal } from '../../functions/domain/entities/sealed-original.ts';
import { newReference } from '../../functions/domain/reference.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/emulators.ts';
import { startKmsEmulator, type KmsEmulator } from '../../local/kms-emulator.ts';

let kms: KmsEmulator | undefined;
let client: KMSClient | undefined;

before(async () => {
  kms = await startKmsEmulator({ region: LOCAL_REGION });
  client = new KMSClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: kms.endpoint });
});
after(async () => {
  client?.destroy();
  await kms?.stop();
});

const started = () => {
  if (kms === undefined || client === undefined) throw new Error('KMS emulator not started');
  return { kms, client };
};
const contactCentreVault = () => {
  const { kms, client } = started();
  const key = kms.createKey('contact centre originals');
  return { key, vault: new KmsOriginalsVault(client, key.keyId) };
};

/** A caller's own words, long and far from ASCII, as a contact-centre agent might type them. */
const NARRATIVE = [
  'Zoë Ó Súilleabháin rang at 23:14 about PC Łukasz Brzęczyszczykiewicz — “he said he’d make the caution go away for £500”.',
  'Llinell Gymraeg: roedd y swyddog yn ei bygwth hi. Ελληνικά, 日本語の証言, العربية, עברית, emoji 🚓👮🏽‍♀️💷.',
  'Her address is 14 Rue de l’Église, and her mobile is 07700 900123; she asked us not to pass either on.',
].join('\n').repeat(40);

/** The sealed form with one byte of one field flipped. */
const flipped = (sealed: SealedOriginal, field: 'ciphertext' | 'iv' | 'authTag' | 'encryptedDataKey', index: number): SealedOriginal => {
  const bytes = Buffer.from(sealed[field], 'base64');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return { ...sealed, [field]: bytes.toString('base64') };
};
const byteLength = (base64: string) => Buffer.from(base64, 'base64').length;

describe('the originals vault', () => {
  it('gives the contact centre back a long narrative in any script, exactly as it was sealed', async () => {
    const { key, vault } = contactCentreVault();
    const reference = newReference();
    assert.ok(Buffer.byteLength(NARRATIVE) > 4096, 'longer than KMS would encrypt directly');
    const sealed = await vault.seal(reference, NARRATIVE);
    assert.equal(sealed.algorithm, 'AES-256-GCM');
    assert.equal(sealed.keyId, key.arn);
    assert.equal(byteLength(sealed.iv), 12);
    assert.equal(byteLength(sealed.authTag), 16);
    assert.equal(await vault.open(reference, sealed), NARRATIVE);
    // A sealed original survives being stored as JSON and read back.
    assert.equal(await vault.open(reference, JSON.parse(JSON.stringify(sealed)) as SealedOriginal), NARRATIVE);
  });

  it('keeps nothing of the words readable in the sealed form, in plain text or base64', async () => {
    const { vault } = contactCentreVault();
    const sealed = JSON.stringify(await vault.seal(newReference(), NARRATIVE));
    for (const fragment of ['Brzęczyszczykiewicz', '07700 900123', 'caution', '£500']) assert.ok(!sealed.includes(fragment), fragment);
    for (const words of [NARRATIVE, NARRATIVE.slice(3), NARRATIVE.slice(7)]) {
      const base64 = Buffer.from(words, 'utf8').toString('base64');
      assert.ok(!sealed.includes(base64.slice(8, 48)), 'no run of the narrative in base64');
    }
  });

  it('refuses to open an original under another report\'s reference', async () => {
    const { vault } = contactCentreVault();
    const sealed = await vault.seal(newReference(), NARRATIVE);
    await assert.rejects(vault.open(newReference(), sealed), InvalidCiphertextException);
  });

  it('refuses to open an original with any byte of its ciphertext, IV, tag or wrapped key altered', async () => {
    const { vault } = contactCentreVault();
    const reference = newReference();
    const sealed = await vault.seal(reference, NARRATIVE);
    const last = (field: 'ciphertext' | 'iv' | 'authTag') => byteLength(sealed[field]) - 1;
    const alterations: [field: 'ciphertext' | 'iv' | 'authTag' | 'encryptedDataKey', index: number][] = [
      ['ciphertext', 0],
      ['ciphertext', Math.floor(last('ciphertext') / 2)],
      ['ciphertext', last('ciphertext')],
      ['iv', 0],
      ['iv', last('iv')],
      ['authTag', 0],
      ['authTag', last('authTag')],
    ];
    // Every byte of the wrapped data key, header (naming the key) included.
    for (let index = 0; index < byteLength(sealed.encryptedDataKey); index++) alterations.push(['encryptedDataKey', index]);
    for (const [field, index] of alterations) {
      await assert.rejects(vault.open(reference, flipped(sealed, field, index)), `${field}[${index}] altered`);
    }
    await assert.rejects(vault.open(reference, flipped(sealed, 'encryptedDataKey', 60)), InvalidCiphertextException);
    await assert.rejects(vault.open(reference, flipped(sealed, 'authTag', 3)), /unable to authenticate/);
    // A shortened tag is not accepted as a weaker one.
    await assert.rejects(vault.open(reference, { ...sealed, authTag: Buffer.from(sealed.authTag, 'base64').subarray(0, 4).toString('base64') }));
    assert.equal(await vault.open(reference, sealed), NARRATIVE, 'the unaltered original still opens');
  });

  it('does not let another key open the contact centre\'s originals, even when the sealed form names it', async () => {
    const { vault } = contactCentreVault();
    const other = contactCentreVault();
    const reference = newReference();
    const sealed = await vault.seal(reference, NARRATIVE);
    await assert.rejects(other.vault.open(reference, sealed), IncorrectKeyException);
    await assert.rejects(other.vault.open(reference, { ...sealed, keyId: other.key.arn }), IncorrectKeyException);
  });

  it('seals the same words differently every time', async () => {
    const { vault } = contactCentreVault();
    const reference = newReference();
    const first = await vault.seal(reference, NARRATIVE);
    const second = await vault.seal(reference, NARRATIVE);
    assert.notEqual(first.encryptedDataKey, second.encryptedDataKey);
    assert.notEqual(first.iv, second.iv);
    assert.notEqual(first.ciphertext, second.ciphertext);
    assert.equal(await vault.open(reference, second), NARRATIVE);
  });

  it('fails with NotFoundException when its key does not exist', async () => {
    const { client } = started();
    const vault = new KmsOriginalsVault(client, '1234abcd-12ab-34cd-56ef-1234567890ab');
    await assert.rejects(vault.seal(newReference(), NARRATIVE), (error: unknown) => {
      assert.ok(error instanceof NotFoundException);
      assert.equal(error.name, 'NotFoundException');
      assert.equal(error.$metadata.httpStatusCode, 400);
      assert.match(error.message, /arn:aws:kms:eu-west-2:000000000000:key\/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist/);
      return true;
    });
  });
});

describe('the local KMS, through the plain AWS SDK', () => {
  it('encrypts and decrypts without an encryption context, finding the key from the ciphertext', async () => {
    const { kms, client } = started();
    const key = kms.createKey();
    const Plaintext = new TextEncoder().encode('a secret for the contact centre');
    const encrypted = await client.send(new EncryptCommand({ KeyId: key.keyId, Plaintext }));
    assert.equal(encrypted.KeyId, key.arn);
    assert.equal(encrypted.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
    assert.ok(encrypted.CiphertextBlob instanceof Uint8Array);
    const decrypted = await client.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));
    assert.equal(decrypted.KeyId, key.arn);
    assert.deepEqual(decrypted.Plaintext, Plaintext);
    // No context and an empty one are the same thing, as in KMS.
    const withEmpty = await client.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: {} }));
    assert.deepEqual(withEmpty.Plaintext, Plaintext);
  });

  it('decrypts only with the exact encryption context, in any order', async () => {
    const { kms, client } = started();
    const key = kms.createKey();
    const Plaintext = new TextEncoder().encode('bound to a report');
    const EncryptionContext = { reference: 'PAC-7K3M-9QXD', purpose: 'report-original' };
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: key.arn, Plaintext, EncryptionContext }));
    const reordered = { purpose: 'report-original', reference: 'PAC-7K3M-9QXD' };
    assert.deepEqual((await client.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: reordered, KeyId: key.keyId }))).Plaintext, Plaintext);
    const wrongContexts: (Record<string, string> | undefined)[] = [undefined, {}, { reference: 'PAC-7K3M-9QXE', purpose: 'report-original' }, { reference: 'PAC-7K3M-9QXD' }, { ...EncryptionContext, extra: 'x' }];
    for (const wrong of wrongContexts) {
      await assert.rejects(client.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: wrong })), (error: unknown) => {
        assert.ok(error instanceof InvalidCiphertextException, JSON.stringify(wrong));
        assert.equal(error.name, 'InvalidCiphertextException');
        return true;
      });
    }
  });

  it('refuses to decrypt with a key other than the one that encrypted', async () => {
    const { kms, client } = started();
    const [mine, theirs] = [kms.createKey(), kms.createKey()];
    const { CiphertextBlob } = await client.send(new EncryptCommand({ KeyId: mine.keyId, Plaintext: new Uint8Array([1, 2, 3]) }));
    await assert.rejects(client.send(new DecryptCommand({ CiphertextBlob, KeyId: theirs.keyId })), IncorrectKeyException);
    await assert.rejects(client.send(new DecryptCommand({ CiphertextBlob, KeyId: 'alias/nobody' })), NotFoundException);
  });

  it('creates, describes and aliases keys as the AWS CLI would, and accepts id, ARN or alias', async () => {
    const { client } = started();
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: 'originals' }));
    assert.ok(KeyMetadata?.KeyId !== undefined && KeyMetadata.Arn !== undefined);
    assert.equal(KeyMetadata.Arn, `arn:aws:kms:eu-west-2:000000000000:key/${KeyMetadata.KeyId}`);
    assert.equal(KeyMetadata.KeyState, 'Enabled');
    assert.equal(KeyMetadata.KeySpec, 'SYMMETRIC_DEFAULT');
    assert.ok(KeyMetadata.CreationDate instanceof Date);
    await client.send(new CreateAliasCommand({ AliasName: 'alias/pac-local-originals', TargetKeyId: KeyMetadata.KeyId }));
    for (const KeyId of [KeyMetadata.KeyId, KeyMetadata.Arn, 'alias/pac-local-originals', 'arn:aws:kms:eu-west-2:000000000000:alias/pac-local-originals']) {
      const described = await client.send(new DescribeKeyCommand({ KeyId }));
      assert.equal(described.KeyMetadata?.Arn, KeyMetadata.Arn, KeyId);
      assert.equal(described.KeyMetadata?.Description, 'originals');
    }
    const vault = new KmsOriginalsVault(client, 'alias/pac-local-originals');
    const reference = newReference();
    const sealed = await vault.seal(reference, 'sealed under an alias');
    assert.equal(sealed.keyId, KeyMetadata.Arn, 'the sealed form names the key, not the alias');
    assert.equal(await vault.open(reference, sealed), 'sealed under an alias');
  });

  it('makes data keys of the size asked for, wrapped so that only KMS can unwrap them', async () => {
    const { kms, client } = started();
    const key = kms.createKey();
    const aes = await client.send(new GenerateDataKeyCommand({ KeyId: key.keyId, KeySpec: 'AES_256' }));
    assert.equal(aes.Plaintext?.length, 32);
    const sized = await client.send(new GenerateDataKeyCommand({ KeyId: key.keyId, NumberOfBytes: 64 }));
    assert.equal(sized.Plaintext?.length, 64);
    const unwrapped = await client.send(new DecryptCommand({ CiphertextBlob: sized.CiphertextBlob }));
    assert.deepEqual(unwrapped.Plaintext, sized.Plaintext);
    await assert.rejects(client.send(new GenerateDataKeyCommand({ KeyId: key.keyId })), { name: 'ValidationException' });
    await assert.rejects(client.send(new GenerateDataKeyCommand({ KeyId: key.keyId, NumberOfBytes: 2048 })), { name: 'ValidationException' });
    await assert.rejects(client.send(new DescribeKeyCommand({ KeyId: 'not-a-key' })), NotFoundException);
  });
});
