#!/usr/bin/env node
/**
 * `npm run inbox -- --force <id> [--once] [--stage local|dev|prod] [--endpoint <url>] [--region <r>]`:
 * a force's inbox on the terminal. Long-polls the force's queue (`pac-<stage>-reports-<id>.fifo`,
 * named by lib/stage.ts), prints each new report (or a reporter's answer to the force's question)
 * readably, and deletes each message only once it has been printed; a message that could not be
 * printed goes straight back on the queue for the next reader. `--once` reads until the queue is
 * empty and exits. Messages go to stdout; what it is doing, and how many it printed, to stderr.
 *
 * Without --endpoint (or AWS_ENDPOINT_URL_SQS) it reads the real queue in AWS with the usual
 * credential chain and region, as a force's own system would; the plain AWS CLI reads the same
 * messages (README: "Read a force's queue"). Options, errors and exit codes as every operator
 * command's (bin/operator-cli.ts).
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  forceAnswerNotificationSchema,
  type ForceAnswerNotification,
  forceNotificationSchema,
  type ForceNotification,
} from '../functions/domain/entities/force-messages.ts';
import { findForce, forceById } from '../functions/domain/forces.ts';
import { categoryDescriptions } from '../functions/domain/report.ts';
import { TRIAGE } from '../functions/domain/entities/routing-decision.ts';
import { resourceNames } from '../lib/stage.ts';
import { awsClientConfig } from './aws-client-config.ts';
import { counted, defineCommand, endpointOption, explainAwsError, isMain, regionOption, runCommand, stageOption, UsageError } from './operator-cli.ts';

export const INBOX = defineCommand({
  name: 'inbox',
  synopsis: '--force <force id> [--once] [--stage <stage>] [--endpoint <url>] [--region <region>]',
  summary:
    "A force's inbox on the terminal: prints each new message on the force's queue\n" +
    '(pac-<stage>-reports-<force id>.fifo) to stdout, and deletes it once printed.',
  options: {
    force: { type: 'string', value: '<force id>', description: "the force's id, as in data/uk-police-forces.csv (e.g. metropolitan), or triage" },
    once: { type: 'boolean', description: 'read until the queue is empty, then exit (default: keep listening; Ctrl-C stops)' },
    stage: stageOption,
    endpoint: endpointOption('sqs'),
    region: regionOption,
  },
  examples: ['npm run inbox -- --force metropolitan --endpoint http://127.0.0.1:4566 --once', 'npm run inbox -- --force kent --stage prod'],
});

const WIDTH = 78;
const LONG_POLL_SECONDS = 20;
const ONCE_POLL_SECONDS = 2;

// Printing ---------------------------------------------------------------------------------------

/** Control characters (escape sequences above all) shown, not obeyed: a message must not drive the terminal. */
const printable = (text: string): string =>
  text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);

/** Words wrapped to the width, each line indented; the writer's own line breaks kept. */
export const wrap = (text: string, indent = '  ', width = WIDTH): string[] =>
  printable(text)
    .split(/\r?\n/)
    .flatMap((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
        for (let rest = word; rest !== ''; ) {
          const room = width - indent.length - (line === '' ? 0 : line.length + 1);
          if (rest.length <= room) {
            line = line === '' ? rest : `${line} ${rest}`;
            rest = '';
          } else if (line !== '') {
            lines.push(line);
            line = '';
          } else {
            // A word longer than a line, such as a URL: broken where it must be.
            lines.push(rest.slice(0, room));
            rest = rest.slice(room);
          }
        }
      }
      lines.push(line);
      return lines;
    })
    .map((line) => (line === '' ? '' : `${indent}${line}`));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const day = (iso: string): string => {
  const [year, month, date] = iso.split('-').map(Number);
  return year === undefined || month === undefined || date === undefined ? iso : `${date} ${MONTHS[month - 1] ?? '?'} ${year}`;
};

const field = (label: string, value: string | undefined): string[] =>
  value === undefined || value === '' ? [] : wrap(value, ' '.repeat(14)).map((line, i) => (i === 0 ? `${label.padEnd(14)}${line.trimStart()}` : line));

const heading = (reference: string, what: string): string => {
  const title = `== ${reference} == ${what} `;
  return printable(title.length >= WIDTH ? title : title.padEnd(WIDTH, '='));
};

const describeReport = (n: ForceNotification): string[] => {
  const subject = n.subject;
  const about =
    subject === undefined
      ? undefined
      : [
          subject.role,
          subject.name,
          subject.collarNumber === undefined ? undefined : `collar number ${subject.collarNumber}`,
          subject.rank,
          subject.station === undefined ? undefined : `at ${subject.station}`,
          subject.employer === undefined ? undefined : `employed by ${subject.employer.name}`,
        ]
          .filter((part) => part !== undefined)
          .join(', ');
  const period =
    n.when === undefined
      ? undefined
      : [
          [n.when.from === undefined ? undefined : `from ${day(n.when.from)}`, n.when.to === undefined ? undefined : `to ${day(n.when.to)}`]
            .filter((part) => part !== undefined)
            .join(' '),
          n.when.ongoing ? 'still going on' : undefined,
        ]
          .filter((part) => part !== undefined && part !== '')
          .join(', ');
  return [
    heading(n.reference, `report for ${n.force.name} (${n.force.id})`),
    ...field('Received', day(n.receivedOn)),
    ...field('Passed on', day(n.disseminatedOn)),
    ...field('Categories', n.categories.map((category) => categoryDescriptions[category]).join('; ')),
    ...field('About', about),
    ...field('Force named', n.forceNamed?.name),
    ...field('Where', [n.location?.description, n.location?.postcode].filter((part) => part !== undefined).join(', ')),
    ...field('When', period),
    ...field('Routed', `${n.routing.explanation} (${n.routing.rule})`),
    '',
    ...wrap(n.narrative),
  ];
};

const describeAnswer = (n: ForceAnswerNotification): string[] => [
  heading(n.reference, `the reporter's answer, for ${n.force.name} (${n.force.id})`),
  ...field('Answered', day(n.answeredOn)),
  ...field('Passed on', day(n.disseminatedOn)),
  ...field('Question id', n.questionId),
  ...field('Asked by', n.askedBy.name),
  '',
  ...(n.question === undefined ? [] : ['Your question:', ...wrap(n.question), '']),
  'Their answer (sanitised by the contact centre):',
  ...wrap(n.answer),
];

/** One message as a person reads it; anything this version does not know, shown as it came. */
export const describeMessage = (message: Message): string => {
  let body: unknown;
  try {
    body = JSON.parse(message.Body ?? '');
  } catch {
    body = undefined;
  }
  const type = (body as { type?: unknown } | undefined)?.type;
  const report = type === 'report.disseminated' ? forceNotificationSchema.safeParse(body) : undefined;
  const answer = type === 'report.answer' ? forceAnswerNotificationSchema.safeParse(body) : undefined;
  const lines = report?.success
    ? describeReport(report.data)
    : answer?.success
      ? describeAnswer(answer.data)
      : [
          heading(String((body as { reference?: unknown } | undefined)?.reference ?? message.MessageId ?? 'message'), 'a message this inbox cannot read; as sent'),
          ...printable(body === undefined ? (message.Body ?? '') : JSON.stringify(body, null, 2)).split('\n'),
        ];
  return `${lines.join('\n')}\n\n`;
};

// Reading ----------------------------------------------------------------------------------------

export interface InboxOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** Read until an empty poll, then return; otherwise keep long-polling until `signal` aborts. */
  readonly once: boolean;
  readonly waitTimeSeconds: number;
  /** Resolves once the text is out (written and flushed); rejects if it could not be. */
  readonly print: (text: string) => Promise<void>;
  readonly signal?: AbortSignal;
}

/** Puts messages straight back on the queue, for the next reader. */
const release = async (sqs: SQSClient, QueueUrl: string, messages: readonly Message[]) => {
  for (const { ReceiptHandle } of messages) {
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout: 0 })).catch(() => undefined);
  }
};

/** Prints each message, then deletes it; returns how many were printed and deleted. */
export const readInbox = async ({ sqs, queueUrl, once, waitTimeSeconds, print, signal }: InboxOptions): Promise<number> => {
  let printed = 0;
  const stopped = () => signal?.aborted === true;
  while (!stopped()) {
    let messages: Message[];
    try {
      ({ Messages: messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: waitTimeSeconds,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        signal === undefined ? {} : { abortSignal: signal },
      ));
    } catch (error) {
      if (stopped()) break;
      throw error;
    }
    if (messages.length === 0) {
      if (once) break;
      continue;
    }
    for (const [i, message] of messages.entries()) {
      if (stopped()) {
        await release(sqs, queueUrl, messages.slice(i));
        return printed;
      }
      try {
        await print(describeMessage(message));
      } catch (error) {
        await release(sqs, queueUrl, messages.slice(i));
        throw error;
      }
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      printed += 1;
    }
  }
  return printed;
};

const printToStdout = (text: string): Promise<void> =>
  new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error === null || error === undefined ? resolve() : reject(error)));
  });

/** The force whose queue to read, or bad usage saying which force was meant. */
const forceToRead = (id: string | undefined): string => {
  if (id === undefined) throw new UsageError('--force is required: a force id such as metropolitan');
  if (forceById(id) !== undefined || id === TRIAGE) return id;
  const meant = findForce(id);
  throw new UsageError(
    `"${id}" is not a force id in the registry (data/uk-police-forces.csv)${meant === undefined ? '' : `; did you mean "${meant.id}" (${meant.name})?`}`,
  );
};

export const main = (argv: readonly string[]) =>
  runCommand(INBOX, argv, async (values, io) => {
    const id = forceToRead(values.force);
    const endpoint = values.endpoint;
    const sqs = new SQSClient(awsClientConfig({ endpoint, region: values.region }));
    const queueName = resourceNames(values.stage).reportQueue(id);
    const stop = new AbortController();
    const interrupt = () => stop.abort();
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
      if (QueueUrl === undefined) throw new Error(`No URL for ${queueName}`);
      io.err(values.once ? `Reading ${queueName} until it is empty…` : `Listening on ${queueName}; Ctrl-C stops.`);
      const printed = await readInbox({
        sqs,
        queueUrl: QueueUrl,
        once: values.once,
        waitTimeSeconds: values.once ? ONCE_POLL_SECONDS : LONG_POLL_SECONDS,
        print: printToStdout,
        signal: stop.signal,
      });
      io.err(`${counted(printed, 'message')} printed and deleted.`);
    } catch (error) {
      throw explainAwsError(error, { where: endpoint ?? 'AWS', doing: `read ${queueName}`, queue: queueName });
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      sqs.destroy();
    }
  });

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
