/**
 * What the local stack's functions ask of AWS, counted, for `npm run bench`'s cost per report
 * (scripts/bench-cost.ts) and the test that holds those counts (test/integration/cost-per-report.test.ts).
 * Given to startLocalStack as `meter`; without one nothing is counted and nothing behaves
 * differently.
 *
 * - Lambda: each invocation of each function and how long its handler ran (local/lambda-runtime.ts).
 * - DynamoDB: each request a function makes, with the capacity DynamoDB Local says it consumed
 *   (the local IAM check asks for it: local/dynamodb-guard.ts).
 * - SQS and KMS: each request a function makes, told apart from the tests' own by the invocation
 *   it is made in (Node's `http.client.request.created` diagnostics channel and the runtime's
 *   invocation context), and the receives and deletes the SQS event sources make for the
 *   functions they feed, as Lambda's pollers would (local/sqs-event-source.ts).
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { DynamoDbRequestUse } from './dynamodb-guard.ts';
import { invokingFunction, type InvocationObserver } from './lambda-runtime.ts';
import type { EventSourceRequest } from './sqs-event-source.ts';

export interface InvocationUse {
  readonly function: string;
  readonly milliseconds: number;
}

/** One SQS or KMS request: made by a function itself, or by the event source feeding it. */
export interface ServiceRequestUse {
  readonly service: 'sqs' | 'kms';
  readonly function: string;
  readonly by: 'function' | 'event source';
  readonly operation: string;
  /** SQS: the queue named in the request. */
  readonly queueUrl?: string;
  /** SQS: the bytes of message bodies and attributes the request carried; SQS bills each 64 KB as a request. */
  readonly payloadBytes: number;
}

export interface UsageMeter extends InvocationObserver {
  readonly invocations: readonly InvocationUse[];
  readonly dynamoDb: readonly DynamoDbRequestUse[];
  readonly requests: readonly ServiceRequestUse[];
  /** Invocations under way now. */
  readonly running: number;
  dynamoDbRequest(use: DynamoDbRequestUse): void;
  eventSourceRequest(request: EventSourceRequest): void;
  /** Forgets everything counted so far. */
  reset(): void;
  stop(): void;
}

const SQS_TARGET = 'AmazonSQS.';
const KMS_TARGET = 'TrentService.';
const CHANNEL = 'http.client.request.created';

/** Bytes SQS bills for what a SendMessage or SendMessageBatch request carries: bodies and attributes. */
const sqsPayloadBytes = (operation: string, body: Record<string, unknown>): number => {
  const one = (message: Record<string, unknown>) =>
    Buffer.byteLength(String(message.MessageBody ?? '')) +
    Object.entries((message.MessageAttributes ?? {}) as Record<string, { DataType?: string; StringValue?: string }>).reduce(
      (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '') + Buffer.byteLength(value.StringValue ?? ''),
      0,
    );
  if (operation === 'SendMessage') return one(body);
  if (operation === 'SendMessageBatch') return ((body.Entries ?? []) as Record<string, unknown>[]).reduce((sum, entry) => sum + one(entry), 0);
  return 0;
};

export const startUsageMeter = (): UsageMeter => {
  const invocations: InvocationUse[] = [];
  const dynamoDb: DynamoDbRequestUse[] = [];
  const requests: ServiceRequestUse[] = [];
  let running = 0;

  const onRequestCreated = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    const caller = invokingFunction();
    if (caller === undefined) return;
    const target = String(request.getHeader('x-amz-target') ?? '');
    const service = target.startsWith(SQS_TARGET) ? 'sqs' : target.startsWith(KMS_TARGET) ? 'kms' : undefined;
    if (service === undefined) return;
    const operation = target.slice(service === 'sqs' ? SQS_TARGET.length : KMS_TARGET.length);
    // The SDK writes the whole JSON body with end(): read it there, for the queue and the payload.
    const end = request.end.bind(request) as (...args: unknown[]) => ClientRequest;
    request.end = ((...args: unknown[]) => {
      const [chunk] = args;
      let body: Record<string, unknown> = {};
      try {
        body = typeof chunk === 'string' || chunk instanceof Uint8Array ? (JSON.parse(Buffer.from(chunk).toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      requests.push({
        service,
        function: caller,
        by: 'function',
        operation,
        ...(typeof body.QueueUrl === 'string' ? { queueUrl: body.QueueUrl } : {}),
        payloadBytes: service === 'sqs' ? sqsPayloadBytes(operation, body) : 0,
      });
      return end(...args);
    }) as ClientRequest['end'];
  };
  subscribe(CHANNEL, onRequestCreated);

  return {
    invocations,
    dynamoDb,
    requests,
    get running() {
      return running;
    },
    started: () => {
      running += 1;
    },
    invoked: (logicalId, milliseconds) => {
      running -= 1;
      invocations.push({ function: logicalId, milliseconds });
    },
    dynamoDbRequest: (use) => dynamoDb.push(use),
    eventSourceRequest: (request) =>
      requests.push({
        service: 'sqs',
        function: request.function,
        by: 'event source',
        operation: request.operation,
        queueUrl: request.queueUrl,
        payloadBytes: request.payloadBytes,
      }),
    reset: () => {
      invocations.length = 0;
      dynamoDb.length = 0;
      requests.length = 0;
    },
    stop: () => unsubscribe(CHANNEL, onRequestCreated),
  };
};

/** SQS bills a request for each 64 KB of payload, and at least one. */
export const billedSqsRequests = (request: Pick<ServiceRequestUse, 'payloadBytes'>): number => Math.max(1, Math.ceil(request.payloadBytes / (64 * 1024)));

/** A FIFO queue's name ends in `.fifo`; its requests are billed at the FIFO price. */
export const isFifoQueue = (queueUrl: string | undefined): boolean => queueUrl?.endsWith('.fifo') ?? false;

type AttributeValue = Readonly<Record<string, unknown>>;

/** DynamoDB's size of a number: about one byte per two significant digits, and one more. */
const numberSize = (text: string): number => {
  const digits = text.replace(/^[-+]/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
};

const valueSize = (value: AttributeValue): number => {
  const [type, content] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(content));
    case 'N':
      return numberSize(String(content));
    case 'B':
      return Buffer.from(String(content), 'base64').length;
    case 'SS':
      return (content as string[]).reduce((sum, s) => sum + Buffer.byteLength(s), 0);
    case 'NS':
      return (content as string[]).reduce((sum, n) => sum + numberSize(n), 0);
    case 'BS':
      return (content as string[]).reduce((sum, b) => sum + Buffer.from(b, 'base64').length, 0);
    case 'L':
      return 3 + (content as AttributeValue[]).reduce((sum, element) => sum + 1 + valueSize(element), 0);
    case 'M':
      return 3 + Object.entries(content as Record<string, AttributeValue>).reduce((sum, [name, element]) => sum + 1 + Buffer.byteLength(name) + valueSize(element), 0);
    default:
      return 1; // BOOL, NULL
  }
};

/** An item's size as DynamoDB counts it: each attribute's name and value, in bytes. */
export const itemSize = (item: Readonly<Record<string, AttributeValue>> | undefined): number =>
  Object.entries(item ?? {}).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

/** What a request consumed, read and write, and how much of it was the indexes'. */
export interface Capacity {
  readonly read: number;
  readonly write: number;
  /** Of `write`, the units DynamoDB Local reported for writing the indexes. */
  readonly indexWrite: number;
  /** What DynamoDB Local reported for the request, where the meter works it out otherwise. */
  readonly reportedWrite: number;
}

const indexUnits = (use: DynamoDbRequestUse): number =>
  use.consumed.reduce(
    (sum, c) => sum + [...Object.values(c.GlobalSecondaryIndexes ?? {}), ...Object.values(c.LocalSecondaryIndexes ?? {})].reduce((s, index) => s + (index.CapacityUnits ?? 0), 0),
    0,
  );

/**
 * DynamoDB capacity a request consumed, read and write, from what DynamoDB Local reported, with
 * two corrections where DynamoDB Local does not count as DynamoDB bills:
 * - TransactWriteItems: DynamoDB bills the table 2 write units per item per KB, each item rounded
 *   up on its own (the larger of the item before and after); DynamoDB Local reports less for a
 *   transaction of several items. The table's share is worked out here from the items as they
 *   were before and after; the indexes' share is DynamoDB Local's (2 units per KB of each item
 *   an index gains or loses, as it reports them).
 * - Query and Scan: DynamoDB Local reports 0 for one that finds nothing; here it costs the least a
 *   read costs (0.5, or 1 if strongly consistent).
 */
/** The write units DynamoDB bills a table for one item of a transaction: 2 per KB of the larger of the item before and after. */
export const transactionalItemUnits = ({ before, after }: { readonly before?: unknown; readonly after?: unknown }): number =>
  2 * Math.max(1, Math.ceil(Math.max(itemSize(before as Parameters<typeof itemSize>[0]), itemSize(after as Parameters<typeof itemSize>[0])) / 1024));

export const capacityOf = (use: DynamoDbRequestUse): Capacity => {
  const total = use.consumed.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
  const indexWrite = READS.has(use.operation) ? 0 : indexUnits(use);
  if (use.operation === 'TransactWriteItems' && use.images !== undefined) {
    const table = use.images.reduce((sum, image) => sum + transactionalItemUnits(image), 0);
    return { read: 0, write: table + indexWrite, indexWrite, reportedWrite: total };
  }
  if (READS.has(use.operation)) {
    const read = total === 0 && (use.operation === 'Query' || use.operation === 'Scan') ? (use.consistentRead ? 1 : 0.5) : total;
    return { read, write: 0, indexWrite: 0, reportedWrite: 0 };
  }
  return { read: 0, write: total, indexWrite, reportedWrite: total };
};
