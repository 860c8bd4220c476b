/**
 * A local Lambda event source mapping for SQS, with Lambda's batch semantics: it long-polls the
 * queue, hands the function up to BatchSize records, deletes the records that succeeded and
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

export interface SqsEventSourceOptions {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly batchSize: number;
  readonly reportBatchItemFailures: boolean;
  readonly target: LocalFunction;
  readonly region: string;
}

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
      }
    }
  };
  const running = poll();
  return {
    stop: async () => {
      abort.abort();
      await running;
    },
  };
};
