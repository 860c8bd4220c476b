/**
 * A local Lambda event source mapping for SQS, with Lambda's batch semantics: it long-polls the
 * queue, hands the function up to BatchSize records (waiting up to MaximumBatchingWindowInSeconds
 * for a fuller batch, when the mapping has one), deletes the records that succeeded and leaves the
 * rest to become visible again after the visibility timeout, so that the queue's redrive policy
 * moves a message that keeps failing to its DLQ.
 *
 * It scales as Lambda's poller does for a standard queue ("Configuring scaling behavior for SQS
 * event source mappings", AWS Lambda Developer Guide): five batches at once to start with; while
 * messages are still waiting (a receive comes back full) one more at a time, up to 300 more a
 * minute, up to 1,000 or the mapping's ScalingConfig.MaximumConcurrency; and back to five when
 * the queue runs dry. With ReportBatchItemFailures only
 * the records the function names are retried; a function that throws, or names a record that was
 * not in the batch, fails the whole batch, as on Lambda.
 */
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalFunction } from './lambda-runtime.ts';

/** One request the event source made on the function's behalf, as Lambda's poller would make it. */
export interface EventSourceRequest {
  readonly function: string;
  readonly operation: 'ReceiveMessage' | 'DeleteMessageBatch';
  readonly queueUrl: string;
  readonly messages: number;
  /** The bytes of the messages' bodies and attributes the request carried (SQS bills each 64 KB). */
  readonly payloadBytes: number;
}

export interface SqsEventSourceOptions {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly batchSize: number;
  /** The mapping's MaximumBatchingWindowInSeconds: how long to gather a batch before handing it over; 0 or none, not at all. */
  readonly maximumBatchingWindowSeconds?: number;
  /** The mapping's ScalingConfig.MaximumConcurrency, if it has one: at most this many batches at once. */
  readonly maximumConcurrency?: number;
  readonly reportBatchItemFailures: boolean;
  readonly target: LocalFunction;
  readonly region: string;
  /**
   * Told of each receive that brought messages and each delete (local/usage-meter.ts). Receives
   * that find the queue empty are not reported: what they cost depends on time, not on reports.
   */
  readonly onRequest?: (request: EventSourceRequest) => void;
}

const payloadBytes = (message: Message): number =>
  Buffer.byteLength(message.Body ?? '') +
  Object.entries(message.MessageAttributes ?? {}).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '') + Buffer.byteLength(value.StringValue ?? ''),
    0,
  );

export interface SqsEventSource {
  stop(): Promise<void>;
}

const toRecord = (message: Message, options: SqsEventSourceOptions): SQSRecord => ({
  messageId: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: message.Attributes?.SenderId ?? 'local',
    ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    ...(message.Attributes?.MessageGroupId === undefined ? {} : { MessageGroupId: message.Attributes.MessageGroupId }),
    ...(message.Attributes?.MessageDeduplicationId === undefined
      ? {}
      : { MessageDeduplicationId: message.Attributes.MessageDeduplicationId }),
  },
  messageAttributes: Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
      name,
      { stringValue: value.StringValue, dataType: value.DataType ?? 'String', stringListValues: [], binaryListValues: [] },
    ]),
  ),
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: options.queueArn,
  awsRegion: options.region,
});

/** The message ids Lambda would retry, given what the function did with the batch. */
export const messagesToRetry = (
  batch: readonly SQSRecord[],
  outcome: { threw: true } | { threw: false; response: unknown },
  reportBatchItemFailures: boolean,
): Set<string> => {
  const everything = new Set(batch.map((record) => record.messageId));
  if (outcome.threw) return everything;
  if (!reportBatchItemFailures) return new Set();
  const response = outcome.response as Partial<SQSBatchResponse> | null | undefined;
  const failures = response?.batchItemFailures ?? [];
  const named = new Set(failures.map((failure) => failure.itemIdentifier));
  // An empty or unknown identifier is an invalid response: Lambda retries the whole batch.
  if ([...named].some((id) => !everything.has(id))) return everything;
  return named;
};

/** How many batches the local poller hands the function at once to start with, and when the queue is quiet: Lambda's number for a standard queue. */
export const CONCURRENT_BATCHES = 5;
/** The most batches Lambda's poller processes at once for one mapping. */
export const MOST_CONCURRENT_BATCHES = 1000;
/** While messages are waiting, Lambda adds up to 300 batches at once a minute: one every 200 ms. */
export const SCALE_OUT_EVERY_MS = 60_000 / 300;

export const startSqsEventSource = (sqs: SQSClient, options: SqsEventSourceOptions): SqsEventSource => {
  const abort = new AbortController();
  const most = Math.min(options.maximumConcurrency ?? MOST_CONCURRENT_BATCHES, MOST_CONCURRENT_BATCHES);
  const least = Math.min(CONCURRENT_BATCHES, most);
  const windowMs = (options.maximumBatchingWindowSeconds ?? 0) * 1000;
  const pollers = new Set<Promise<void>>();
  let lastScaledOut = 0;

  const receive = (wanted: number, waitSeconds: number) =>
    sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(wanted, 10),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: abort.signal },
    );

  /** A batch: what the first receive brings, and, with a batching window, more until the batch is full or the window closes. */
  const gather = async (): Promise<Message[]> => {
    const { Messages: messages = [] } = await receive(options.batchSize, 1);
    if (messages.length === 0 || windowMs === 0) return messages;
    const closes = Date.now() + windowMs;
    while (messages.length < options.batchSize && Date.now() < closes && !abort.signal.aborted) {
      const { Messages: more = [] } = await receive(options.batchSize - messages.length, Math.min(20, Math.ceil((closes - Date.now()) / 1000)));
      messages.push(...more);
    }
    return messages;
  };

  /** One more batch at once, while messages are waiting, no faster than Lambda adds them. */
  const scaleOut = () => {
    const now = Date.now();
    if (pollers.size >= most || now - lastScaledOut < SCALE_OUT_EVERY_MS || abort.signal.aborted) return;
    lastScaledOut = now;
    start();
  };

  const poll = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      let messages: Message[];
      try {
        messages = await gather();
      } catch (error) {
        if (abort.signal.aborted) return;
        console.error(`Local event source could not poll ${options.queueUrl}:`, (error as Error).message);
        await sleep(1000);
        continue;
      }
      if (messages.length === 0) {
        // The queue is quiet: back to the starting number of batches at once.
        if (pollers.size > least) return;
        continue;
      }
      if (messages.length >= Math.min(options.batchSize, 10)) scaleOut();
      const requested = (operation: EventSourceRequest['operation'], of: readonly Message[]) =>
        options.onRequest?.({
          function: options.target.logicalId,
          operation,
          queueUrl: options.queueUrl,
          messages: of.length,
          payloadBytes: operation === 'ReceiveMessage' ? of.reduce((sum, message) => sum + payloadBytes(message), 0) : 0,
        });
      requested('ReceiveMessage', messages);

      const batch = messages.map((message) => toRecord(message, options));
      const event: SQSEvent = { Records: batch };
      let outcome: { threw: true } | { threw: false; response: unknown };
      try {
        outcome = { threw: false, response: await options.target.invoke(event) };
      } catch {
        outcome = { threw: true };
      }
      const retry = messagesToRetry(batch, outcome, options.reportBatchItemFailures);
      const done = messages.filter((message) => !retry.has(message.MessageId ?? ''));
      if (done.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
          }),
        );
        requested('DeleteMessageBatch', done);
      }
    }
  };
  function start(): void {
    const poller: Promise<void> = poll().finally(() => pollers.delete(poller));
    pollers.add(poller);
  }
  for (let i = 0; i < least; i++) start();
  return {
    stop: async () => {
      abort.abort();
      while (pollers.size > 0) await Promise.all(pollers);
    },
  };
};
