/**
 * A small KMS for the local stack and tests, speaking the wire protocol the AWS SDK v3 and the AWS
 * CLI use (AWS JSON 1.1: `POST /`, `X-Amz-Target: TrentService.<Operation>`, JSON bodies with
 * base64 blobs), so the same adapter code runs against it and against KMS on Lambda.
 *
 * Supported: CreateKey, DescribeKey, CreateAlias, Encrypt, Decrypt, GenerateDataKey, for symmetric
 * (SYMMETRIC_DEFAULT) keys only. A KeyId may be a key id, a key ARN, an alias name or an alias ARN.
 * Each key is a random 256-bit secret held in this process's memory and lost when it stops.
 * Ciphertext blobs name the key that made them and are sealed with AES-256-GCM, whose additional
 * data binds the blob's header and the encryption context, so Decrypt with another context or
 * with any byte altered fails with InvalidCiphertextException, as KMS does. Errors come back as
 * KMS sends them (HTTP 400, `{"__type":"NotFoundException","message":"…"}`), so the SDK raises its
 * typed exceptions.
 *
 * Not emulated: request signatures (any credentials work), IAM and key policies, grants, key
 * states (disable, scheduled deletion), rotation, asymmetric and HMAC keys, multi-Region keys.
 * Blobs are not interchangeable with real KMS ones. It logs nothing.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from './emulators.ts';

export interface KmsEmulatorOptions {
  readonly port?: number;
  readonly region?: string;
}

export interface KmsEmulator extends Emulator {
  /** Creates a symmetric encryption key, as `aws kms create-key` would. */
  createKey(description?: string): { keyId: string; arn: string };
}

const ACCOUNT = '000000000000';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'TrentService.';
const MAX_REQUEST_BYTES = 1024 * 1024;

/** Blob layout: version, key id length, key id (UTF-8), IV, GCM tag, ciphertext. */
const BLOB_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An error as KMS answers it; `type` is the `__type` the SDK maps to an exception class. */
class KmsError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(
    type: string,
    message: string,
    status = 400,
  ) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

interface Key {
  readonly keyId: string;
  readonly arn: string;
  readonly secret: Buffer;
  readonly description: string;
  readonly createdAt: Date;
}

type Input = Record<string, unknown>;

export const startKmsEmulator = async ({ port = 0, region = 'eu-west-2' }: KmsEmulatorOptions = {}): Promise<KmsEmulator> => {
  const keys = new Map<string, Key>();
  /** alias name (`alias/…`) to key id */
  const aliases = new Map<string, string>();
  const arnPrefix = `arn:aws:kms:${region}:${ACCOUNT}:`;
  const keyArn = (keyId: string) => `${arnPrefix}key/${keyId}`;

  const createKey = (description = ''): Key => {
    const keyId = randomUUID();
    const key = { keyId, arn: keyArn(keyId), secret: randomBytes(32), description, createdAt: new Date() };
    keys.set(keyId, key);
    return key;
  };

  /** Finds a key by key id, key ARN, alias name or alias ARN, as KMS accepts them. */
  const findKey = (keyIdInput: unknown): Key => {
    const keyId = requiredString(keyIdInput, 'keyId');
    const local = keyId.startsWith(arnPrefix) ? keyId.slice(arnPrefix.length) : keyId;
    let id: string | undefined;
    if (local.startsWith('key/')) id = local.slice('key/'.length);
    else if (local.startsWith('alias/')) id = aliases.get(local);
    else if (!local.startsWith('arn:')) id = local;
    const key = id === undefined ? undefined : keys.get(id);
    if (key !== undefined) return key;
    if (local.startsWith('alias/')) throw new KmsError('NotFoundException', `Alias ${arnPrefix}${local} is not found.`);
    if (id !== undefined && UUID.test(id)) throw new KmsError('NotFoundException', `Key '${keyArn(id)}' does not exist`);
    throw new KmsError('NotFoundException', `Invalid keyId '${keyId}'`);
  };

  const seal = (key: Key, plaintext: Buffer, context: Input | undefined): Buffer => {
    const header = blobHeader(key.keyId);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.secret, iv);
    cipher.setAAD(additionalData(header, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
  };

  const unseal = (blob: Buffer, context: Input | undefined, requestedKeyId: unknown): { key: Key; plaintext: Buffer } => {
    const parsed = parseBlob(blob);
    const key = keys.get(parsed.keyId);
    if (key === undefined) throw invalidCiphertext();
    // KMS refuses a blob made by another key than the one the caller named, before trying it.
    if (requestedKeyId !== undefined && findKey(requestedKeyId).keyId !== key.keyId) {
      throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify a KMS key that can perform this operation.');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.secret, parsed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(additionalData(parsed.header, context));
      decipher.setAuthTag(parsed.tag);
      return { key, plaintext: Buffer.concat([decipher.update(parsed.ciphertext), decipher.final()]) };
    } catch {
      throw invalidCiphertext();
    }
  };

  const describe = (key: Key) => ({
    AWSAccountId: ACCOUNT,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: key.createdAt.getTime() / 1000,
    Enabled: true,
    Description: key.description,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
  });

  const operations: Record<string, (input: Input) => unknown> = {
    CreateKey: (input) => {
      if ((input.KeyUsage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') throw unsupported('KeyUsage', input.KeyUsage);
      const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
      if (spec !== 'SYMMETRIC_DEFAULT') throw unsupported('KeySpec', spec);
      if ((input.Origin ?? 'AWS_KMS') !== 'AWS_KMS') throw unsupported('Origin', input.Origin);
      if (input.MultiRegion === true) throw unsupported('MultiRegion', true);
      const description = input.Description === undefined || input.Description === '' ? '' : requiredString(input.Description, 'description');
      return { KeyMetadata: describe(createKey(description)) };
    },

    DescribeKey: (input) => ({ KeyMetadata: describe(findKey(input.KeyId)) }),

    CreateAlias: (input) => {
      const name = requiredString(input.AliasName, 'aliasName');
      if (!/^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(name) || name.startsWith('alias/aws/')) {
        throw new KmsError('ValidationException', `Alias name '${name}' must begin with 'alias/' and contain only letters, digits, '/', '_' and '-'.`);
      }
      if (aliases.has(name)) throw new KmsError('AlreadyExistsException', `An alias with the name ${arnPrefix}${name} already exists`);
      const target = requiredString(input.TargetKeyId, 'targetKeyId');
      if (target.includes('alias/')) throw new KmsError('ValidationException', 'TargetKeyId must be a key id or key ARN, not an alias.');
      aliases.set(name, findKey(target).keyId);
      return {};
    },

    Encrypt: (input) => {
      const key = findKey(input.KeyId);
      symmetricOnly(input.EncryptionAlgorithm);
      const plaintext = blob(input.Plaintext, 'plaintext', 4096);
      return { CiphertextBlob: seal(key, plaintext, context(input)).toString('base64'), KeyId: key.arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    },

    Decrypt: (input) => {
      symmetricOnly(input.EncryptionAlgorithm);
      const { key, plaintext } = unseal(blob(input.CiphertextBlob, 'ciphertextBlob', 6144), context(input), input.KeyId);
      const answer = { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
      plaintext.fill(0);
      return answer;
    },

    GenerateDataKey: (input) => {
      const key = findKey(input.KeyId);
      const plaintext = randomBytes(dataKeyBytes(input.KeySpec, input.NumberOfBytes));
      const answer = { CiphertextBlob: seal(key, plaintext, context(input)).toString('base64'), Plaintext: plaintext.toString('base64'), KeyId: key.arn };
      plaintext.fill(0);
      return answer;
    },
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      response.writeHead(status, {
        'content-type': CONTENT_TYPE,
        'content-length': Buffer.byteLength(text),
        'x-amzn-requestid': randomUUID(),
      });
      response.end(text);
    };
    try {
      const body = await readBody(request);
      if (request.method !== 'POST' || (request.url ?? '/').split('?')[0] !== '/') {
        throw new KmsError('UnknownOperationException', 'KMS answers POST / only', 404);
      }
      const target = request.headers['x-amz-target'];
      const name = typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
      const operation = name === undefined || !Object.hasOwn(operations, name) ? undefined : operations[name];
      if (operation === undefined) throw new KmsError('UnknownOperationException', `${String(target)} is not an operation this emulator supports`);
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        throw new KmsError('SerializationException', 'The request body is not valid JSON');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new KmsError('SerializationException', 'The request body must be a JSON object');
      answer(200, operation(input as Input));
    } catch (error) {
      if (error instanceof KmsError) answer(error.status, { __type: error.type, message: error.message });
      else answer(500, { __type: 'KMSInternalException', message: 'The emulator failed to handle the request' });
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: chosen } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${chosen}`,
    createKey: (description) => {
      const { keyId, arn } = createKey(description);
      return { keyId, arn };
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // The SDK keeps connections alive; close them so stopping does not wait for their timeouts.
        server.closeAllConnections();
      }),
  };
};

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new KmsError('ValidationException', 'The request is too large', 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

const requiredString = (value: unknown, member: string): string => {
  if (value === undefined || value === null) {
    throw new KmsError('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  if (typeof value !== 'string') throw new KmsError('SerializationException', `'${member}' must be a string`);
  if (value.length === 0) {
    throw new KmsError('ValidationException', `1 validation error detected: Value '' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
  }
  return value;
};

/** A base64 blob member, held to KMS's length limits. */
const blob = (value: unknown, member: string, maxBytes: number): Buffer => {
  const text = requiredString(value, member);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new KmsError('SerializationException', `'${member}' is not valid base64`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0 || bytes.length > maxBytes) {
    throw new KmsError('ValidationException', `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length between 1 and ${maxBytes}`);
  }
  return bytes;
};

const context = (input: Input): Input | undefined => {
  const value = input.EncryptionContext;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new KmsError('SerializationException', "'encryptionContext' must be a map of strings to strings");
  }
  return value as Input;
};

const dataKeyBytes = (keySpec: unknown, numberOfBytes: unknown): number => {
  if ((keySpec === undefined) === (numberOfBytes === undefined)) {
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  if (keySpec === 'AES_256') return 32;
  if (keySpec === 'AES_128') return 16;
  if (keySpec !== undefined) {
    throw new KmsError('ValidationException', `1 validation error detected: Value '${String(keySpec)}' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]`);
  }
  if (typeof numberOfBytes !== 'number' || !Number.isInteger(numberOfBytes) || numberOfBytes < 1 || numberOfBytes > 1024) {
    throw new KmsError('ValidationException', `1 validation error detected: Value '${String(numberOfBytes)}' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024 and greater than or equal to 1`);
  }
  return numberOfBytes;
};

const symmetricOnly = (algorithm: unknown) => {
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT') {
    throw new KmsError('InvalidKeyUsageException', `The encryption algorithm ${String(algorithm)} is not compatible with this emulator's symmetric keys.`);
  }
};

const unsupported = (member: string, value: unknown) =>
  new KmsError('UnsupportedOperationException', `${member} ${String(value)} is not supported by the local KMS emulator, which has symmetric keys only.`);

const invalidCiphertext = () => new KmsError('InvalidCiphertextException', 'The ciphertext is invalid, was altered, or was made with another key or encryption context.');

const blobHeader = (keyId: string): Buffer => {
  const id = Buffer.from(keyId, 'utf8');
  return Buffer.concat([Buffer.from([BLOB_VERSION, id.length]), id]);
};

const parseBlob = (blob: Buffer) => {
  const idLength = blob[1];
  if (blob[0] !== BLOB_VERSION || idLength === undefined) throw invalidCiphertext();
  const headerEnd = 2 + idLength;
  if (blob.length < headerEnd + IV_BYTES + TAG_BYTES) throw invalidCiphertext();
  return {
    header: blob.subarray(0, headerEnd),
    keyId: blob.subarray(2, headerEnd).toString('utf8'),
    iv: blob.subarray(headerEnd, headerEnd + IV_BYTES),
    tag: blob.subarray(headerEnd + IV_BYTES, headerEnd + IV_BYTES + TAG_BYTES),
    ciphertext: blob.subarray(headerEnd + IV_BYTES + TAG_BYTES),
  };
};

/**
 * What GCM authenticates besides the ciphertext: the blob's header (so the key id cannot be
 * swapped) and the encryption context in a canonical form, pairs sorted by key, so the order of
 * the context does not matter but every key and value does. No context and an empty one are the
 * same, as in KMS.
 */
const additionalData = (header: Buffer, context: Input | undefined): Buffer => {
  const pairs = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.concat([header, Buffer.from(JSON.stringify(pairs), 'utf8')]);
};
