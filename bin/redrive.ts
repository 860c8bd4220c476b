#!/usr/bin/env node
/**
 * `npm run redrive -- --queue intake|triage|<force id> [--stage prod] [--endpoint URL] [--dry-run] [--max N]`
 *
 * The operator's redrive: once the cause of failures is fixed, moves the messages waiting on a
 * dead-letter queue back to the queue they came from, each deleted from the DLQ only after it is
 * safely on its way. For a force's FIFO queue each keeps its message group (the report), and gets
 * a fresh deduplication id, so that a notification the FIFO queue saw in the last five minutes is
 * not silently dropped. Force systems treat a repeated notification by its reference and type.
 *
 * stdout has a line per message and a summary, as scripts read them; progress (a line per batch)
 * goes to stderr. Queue names come from lib/stage.ts; options, errors and exit codes are every
 * operator command's (bin/operator-cli.ts).
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { findForce, forceById } from '../functions/domain/forces.ts';
import { TRIAGE } from '../functions/domain/entities/routing-decision.ts';
import { resourceNames, type Stage } from '../lib/stage.ts';
import { awsClientConfig } from './aws-client-config.ts';
import {
  counted,
  defineCommand,
  endpointOption,
  explainAwsError,
  isMain,
  positiveInteger,
  regionOption,
  runCommand,
  stageOption,
  UsageError,
} from './operator-cli.ts';

export const REDRIVE = defineCommand({
  name: 'redrive',
  synopsis: '--queue intake|triage|<force id> [--dry-run] [--max <n>] [--stage <stage>] [--endpoint <url>] [--region <region>]',
  summary:
    'Moves the messages on a dead-letter queue back to the queue they came from, once the cause of\n' +
    'the failures is fixed. A line per message and a summary on stdout; a line per batch on stderr.',
  options: {
    queue: { type: 'string', value: '<queue>', description: "whose dead-letter queue: intake, triage or a force's id (e.g. kent)" },
    'dry-run': { type: 'boolean', description: 'list the messages that would be moved (the first batch, up to 10), and move none' },
    max: { type: 'string', value: '<n>', description: 'move at most this many messages (default 1000)', default: '1000', parse: positiveInteger },
    stage: stageOption,
    endpoint: endpointOption('sqs'),
    region: regionOption,
  },
  examples: ['npm run redrive -- --queue intake --stage prod --dry-run', 'npm run redrive -- --queue kent --endpoint http://127.0.0.1:4566 --max 50'],
});

/** The queue to move messages back to, and the dead-letter queue they wait on. */
export const redriveQueues = (stage: Stage, which: string | undefined): { source: string; deadLetters: string } => {
  if (which === undefined) throw new UsageError("--queue is required: intake, triage or a force's id");
  const names = resourceNames(stage);
  if (which === 'intake') return { source: names.intakeQueue, deadLetters: names.intakeDeadLetterQueue };
  if (which === TRIAGE || forceById(which) !== undefined) return { source: names.reportQueue(which), deadLetters: names.reportDeadLetterQueue(which) };
  const meant = findForce(which);
  throw new UsageError(
    `"${which}" is not a queue: use intake, triage or a force id from data/uk-police-forces.csv${meant === undefined ? '' : `; did you mean "${meant.id}" (${meant.name})?`}`,
  );
};

export const main = (argv: readonly string[]) =>
  runCommand(REDRIVE, argv, async (values, io) => {
    const { source, deadLetters } = redriveQueues(values.stage, values.queue);
    const dryRun = values['dry-run'];
    const max = values.max;
    const where = values.endpoint ?? 'AWS';
    const fifo = source.endsWith('.fifo');
    const sqs = new SQSClient(awsClientConfig({ endpoint: values.endpoint, region: values.region }));
    const urlOf = async (QueueName: string) => {
      try {
        return (await sqs.send(new GetQueueUrlCommand({ QueueName }))).QueueUrl ?? '';
      } catch (error) {
        throw explainAwsError(error, { where, doing: `find ${QueueName}`, queue: QueueName });
      }
    };

    let moved = 0;
    try {
      const [sourceUrl, deadLettersUrl] = [await urlOf(source), await urlOf(deadLetters)];
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

      io.err(`${dryRun ? 'Looking at' : 'Moving'} the messages on ${deadLetters} (at most ${max})…`);
      try {
        for (let batch = 1; moved < max; batch++) {
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
            if (dryRun) {
              io.out(`would move ${message.MessageId} back to ${source}`);
              // Looked at, not taken: visible again at once.
              await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: deadLettersUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
            } else {
              await sqs.send(redriven(message));
              await sqs.send(new DeleteMessageCommand({ QueueUrl: deadLettersUrl, ReceiptHandle: message.ReceiptHandle }));
              io.out(`moved ${message.MessageId} back to ${source}`);
            }
            moved++;
          }
          io.err(`batch ${batch}: ${Messages.length} ${dryRun ? 'looked at' : 'moved'}, ${moved} in all`);
          // The messages looked at are visible again: reading on would show them again.
          if (dryRun) break;
        }
      } catch (error) {
        throw explainAwsError(error, { where, doing: `move messages from ${deadLetters} to ${source} (${moved} moved before this)`, queue: deadLetters });
      }
      io.out(`${dryRun ? 'Dry run: ' : ''}${counted(moved, 'message')} ${dryRun ? 'would be moved' : 'moved'} from ${deadLetters} to ${source}.`);
    } finally {
      sqs.destroy();
    }
  });

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
