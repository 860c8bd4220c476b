/**
 * A local Lambda event source mapping for SQS, with Lambda's batch semantics: it long-polls the
 * queue (five batches at once, as Lambda's poller starts), hands the function up to BatchSize records, deletes the records that succeeded and
 * leaves the rest to become visible again after the visibility timeout, so that the queue's
 * redrive policy moves a message that keeps failing to its DLQ. With ReportBatchItemFailures only
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

/** How many batches the local poller hands the function at once: Lambda's starting number for a standard queue. */
export const CONCURRENT_BATCHES = 5;

export const startSqsEventSource = (sqs: SQSClient, options: SqsEventSourceOptions): SqsEventSource => {
  const abort = new AbortController();
  const poll = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      let messages: Message[];
      try {
        ({ Messages: messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: Math.min(options.batchSize, 10),
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        ));
      } catch (error) {
        if (abort.signal.aborted) return;
        console.error(`Local event source could not poll ${options.queueUrl}:`, (error as Error).message);
        await sleep(1000);
        continue;
      }
      if (messages.length === 0) continue;
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
  // Lambda's poller for a standard queue starts with five batches at once and scales from there.
  const running = Promise.all(Array.from({ length: CONCURRENT_BATCHES }, () => poll()));
  return {
    stop: async () => {
      abort.abort();
      await running;
    },
  };
};
