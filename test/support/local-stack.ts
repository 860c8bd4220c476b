/**
 * Integration test support: one local stack per test file (fauxqs, the real handlers, tables of
 * its own on the run's shared DynamoDB Local), plain HTTP requests as a browser or curl would make them, and ways to read what
 * ended up in the table and on the queues.
 */
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DeleteMessageCommand, type Message, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { request as httpRequest } from 'node:http';
import { after, before } from 'node:test';
import { localDynamoDbClient, localSqsClient } from '../../local/emulators.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack.ts';
import { sharedForRun } from './shared-run.ts';

export interface Harness {
  readonly stack: LocalStack;
  readonly sqs: SQSClient;
  queueUrl(name: string): string;
  /** A variable of the functions' environments, as the stack gives it to the functions that have it. */
  /** A setting every function that has it shares, or, with `of`, that the functions of those handler modules share. */
  functionSetting(variable: string, of?: (handlerModule: string) => boolean): string;
  /** Every item in the report table, unmarshalled. */
  scanTable(): Promise<Record<string, unknown>[]>;
  /** An Authorization header for a member of contact-centre staff in the groups given. */
  staffHeaders(username: string, ...groups: string[]): Promise<Record<string, string>>;
  /** An Authorization header for a force's system, with its own client and scope. */
  forceHeaders(force: string): Promise<Record<string, string>>;
  /**
   * The reference a force was given for a report the test knows by the reporter's reference, once
   * the report has reached that force: the only one the force's API and messages use.
   */
  forceReference(reference: string, force: string): Promise<string>;
}

/**
 * The force references a report has been given, by its reporter's reference: forces' messages
 * carry only those, so a test that knows a report by the reporter's reference finds its messages
 * through them. Set by `useLocalStack` for the stack of the file.
 */
let forceReferencesOf: ((reference: string) => Promise<string[]>) | undefined;

/** Starts a local stack before the file's tests and stops it after them. */
export const useLocalStack = (options: LocalStackOptions = {}): Harness => {
  let stack: LocalStack | undefined;
  let sqs: SQSClient | undefined;
  let documents: DynamoDBDocumentClient | undefined;
  before(async () => {
    stack = await startLocalStack({ ...sharedForRun(options.review ?? 'off'), ...options });
    sqs = localSqsClient(stack.sqsEndpoint);
    const table = stack.tableName;
    const client = DynamoDBDocumentClient.from(localDynamoDbClient(stack.dynamoDbEndpoint));
    documents = client;
    forceReferencesOf = async (reference) => {
      if (!reference.startsWith('PAC-')) return [];
      const { Item } = await client.send(new GetCommand({ TableName: table, Key: { PK: `REPORT#${reference}`, SK: 'REPORT' } }));
      return Object.values((Item?.forceReferences ?? {}) as Record<string, string>);
    };
  });
  after(async () => {
    forceReferencesOf = undefined;
    documents?.destroy();
    sqs?.destroy();
    // A function refused by its own role's statements would fail in AWS: fail the file here too.
    const refused = stack?.dynamoDbGuard.refused.filter((refusal) => !refusal.probe) ?? [];
    await stack?.stop();
    if (refused.length > 0) throw new Error(`The local IAM check refused functions what their roles do not allow:\n${refused.map((r) => JSON.stringify(r)).join('\n')}`);
  });
  const started = () => {
    if (stack === undefined || sqs === undefined) throw new Error('local stack not started');
    return { stack, sqs };
  };
  return {
    get stack() {
      return started().stack;
    },
    get sqs() {
      return started().sqs;
    },
    queueUrl(name) {
      const url = started().stack.queueUrls.get(name);
      if (url === undefined) throw new Error(`No local queue ${name}`);
      return url;
    },
    functionSetting(variable, of = () => true) {
      const values = new Set([...started().stack.functions.values()].filter((fn) => of(fn.handlerModule)).map(({ environment }) => environment[variable]).filter((v) => v !== undefined));
      if (values.size !== 1) throw new Error(`${values.size} values of ${variable} among the local functions`);
      return [...values][0]!;
    },
    async staffHeaders(username, ...groups) {
      return { authorization: `Bearer ${await started().stack.issuer.mintToken({ username, groups })}` };
    },
    async forceHeaders(force) {
      const token = await started().stack.issuer.mintToken({ clientId: `pac-local-force-${force}`, scope: `police-reporting/force.${force}` });
      return { authorization: `Bearer ${token}` };
    },
    async forceReference(reference, force) {
      const { stack: s } = started();
      return eventually(async () => {
        const { Item } = await documents!.send(new GetCommand({ TableName: s.tableName, Key: { PK: `REPORT#${reference}`, SK: 'REPORT' } }));
        return (Item?.forceReferences as Record<string, string> | undefined)?.[force];
      });
    },
    async scanTable() {
      const { stack: s } = started();
      const client = DynamoDBDocumentClient.from(localDynamoDbClient(s.dynamoDbEndpoint));
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: s.tableName, ExclusiveStartKey }));
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey !== undefined);
      client.destroy();
      return items;
    },
  };
};

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json<T = Record<string, unknown>>(): T;
}

/** An HTTP request from a chosen loopback address, so tests can control the source IP the gateway sees. */
export const send = (
  url: string,
  { method = 'POST', headers = {}, body, localAddress }: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string },
): Promise<HttpAnswer> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}, localAddress?: string) =>
  send(url, {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    ...(localAddress === undefined ? {} : { localAddress }),
  });

/** Receives and deletes every message a queue offers, as a force's system would. */
export const receiveAll = async (sqs: SQSClient, QueueUrl: string, waitTimeSeconds = 0): Promise<Message[]> => {
  const received: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return received;
    received.push(...Messages);
    for (const { ReceiptHandle } of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
  }
};

/**
 * Collects the notifications on a queue that mention any of the references (a reporter's reference
 * stands for the force references it has been given, the only ones a force's message carries): waits up to
 * `timeoutMs` for one about each, then keeps listening for `settleMs` more, so a duplicate would be
 * caught too. Everything received is deleted, as a force's system would.
 */
export const notificationsFor = async (
  sqs: SQSClient,
  queueUrl: string,
  references: string | readonly string[],
  { timeoutMs = 10_000, settleMs = 1_500 } = {},
): Promise<Message[]> => {
  const wanted = typeof references === 'string' ? [references] : references;
  const found: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  let settleUntil = Infinity;
  const aliases = async () =>
    Promise.all(wanted.map(async (reference) => [reference, ...((await forceReferencesOf?.(reference)) ?? [])]));
  const mentions = (message: Message, names: readonly string[]) => names.some((name) => message.Body?.includes(name));
  // A report routed without review reaches its force's queue a moment before it is recorded with
  // its force's reference: what was received is matched again against the references known now.
  const received: Message[] = [];
  while (Date.now() < Math.min(deadline, settleUntil)) {
    received.push(...(await receiveAll(sqs, queueUrl, 1)));
    const names = await aliases();
    found.splice(0, found.length, ...received.filter((m) => names.some((alias) => mentions(m, alias))));
    const allSeen = names.every((alias) => found.some((m) => mentions(m, alias)));
    if (allSeen && settleUntil === Infinity) settleUntil = Date.now() + settleMs;
  }
  return found;
};

export const sendRaw = (sqs: SQSClient, QueueUrl: string, MessageBody: string) =>
  sqs.send(new SendMessageCommand({ QueueUrl, MessageBody }));

/**
 * Tees everything this process writes to stdout and stderr into memory, so a test can search the
 * handlers' log lines. Output still reaches the terminal, except the functions' own JSON log lines
 * (set SHOW_FUNCTION_LOGS=1 to see those too).
 */
export const captureOutput = () => {
  const captured: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write.bind(stream));
  streams.forEach((stream, i) => {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      captured.push(text);
      const functionLog = text.startsWith('{"level"');
      if (functionLog && process.env.SHOW_FUNCTION_LOGS === undefined) return true;
      return (originals[i] as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  });
  return {
    text: () => captured.join(''),
    restore: () => streams.forEach((stream, i) => (stream.write = originals[i] as typeof stream.write)),
  };
};

export const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
};
