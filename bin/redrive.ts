#!/usr/bin/env node
/**
 * `npm run redrive -- --queue intake|triage|<force id> [--stage prod] [--endpoint URL] [--dry-run] [--max N]`
 *
 * The operator's redrive: once the cause of failures is fixed, moves the messages waiting on a
 * dead-letter queue back to the queue they came from, each deleted from the DLQ only after it is
 * safely on its way. For a force's FIFO queue each keeps its message group (the report), and gets
 * a fresh deduplication id, so that a notification the FIFO queue saw in the last five minutes is
 * not silently dropped. Force systems treat a repeated notification by its reference and type.
 */
import { parseArgs } from 'node:util';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { forceById } from '../functions/domain/forces.ts';
import { awsClientConfig } from './aws-client-config.ts';
import { TRIAGE } from '../functions/domain/entities/routing-decision.ts';

const { values } = parseArgs({
  options: {
    queue: { type: 'string' },
    stage: { type: 'string', default: 'local' },
    endpoint: { type: 'string', default: process.env.AWS_ENDPOINT_URL_SQS },
    region: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    max: { type: 'string', default: '1000' },
  },
});

const which = values.queue;
if (which === undefined || (which !== 'intake' && which !== TRIAGE && forceById(which) === undefined)) {
  console.error('Usage: npm run redrive -- --queue intake|triage|<force id> [--stage local|dev|prod] [--endpoint URL] [--dry-run] [--max N]');
  process.exit(2);
}
const prefix = `pac-${values.stage}`;
const [source, deadLetters] =
  which === 'intake' ? [`${prefix}-intake`, `${prefix}-intake-dlq`] : [`${prefix}-reports-${which}.fifo`, `${prefix}-reports-${which}-dlq.fifo`];
const fifo = source.endsWith('.fifo');
const sqs = new SQSClient(awsClientConfig({ endpoint: values.endpoint, region: values.region }));
const urlOf = async (QueueName: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName }))).QueueUrl ?? '';
const [sourceUrl, deadLettersUrl] = [await urlOf(source), await urlOf(deadLetters)];
const max = Number.parseInt(values.max, 10);

const redriven = (message: Message) =>
  new SendMessageCommand({
    QueueUrl: sourceUrl,
    MessageBody: message.Body ?? '',
    ...(message.MessageAttributes === undefined ? {} : { MessageAttributes: message.MessageAttributes }),
    ...(fifo
      ? {
          MessageGroupId: message.Attributes?.MessageGroupId ?? 'redriven',
          MessageDeduplicationId: `${message.Attributes?.MessageDeduplicationId ?? 'message'}:redriven:${message.MessageId}`.slice(0, 128),
        }
      : {}),
  });

let moved = 0;
for (;;) {
  if (moved >= max) break;
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: deadLettersUrl,
      MaxNumberOfMessages: Math.min(10, max - moved),
      WaitTimeSeconds: 1,
      // Long enough to send each on; a message not deleted comes back to the DLQ, never lost.
      VisibilityTimeout: 60,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  if (Messages.length === 0) break;
  for (const message of Messages) {
    if (values['dry-run']) {
      console.log(`would move ${message.MessageId} back to ${source}`);
      // Looked at, not taken: visible again at once.
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: deadLettersUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
    } else {
      await sqs.send(redriven(message));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: deadLettersUrl, ReceiptHandle: message.ReceiptHandle }));
      console.log(`moved ${message.MessageId} back to ${source}`);
    }
    moved++;
  }
  if (values['dry-run']) break;
}
console.log(`${values['dry-run'] ? 'Dry run: ' : ''}${moved} message${moved === 1 ? '' : 's'} ${values['dry-run'] ? 'would be moved' : 'moved'} from ${deadLetters} to ${source}.`);
sqs.destroy();
