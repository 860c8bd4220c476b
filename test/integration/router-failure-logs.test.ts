/**
 * A batch the router cannot route leaves no report's words anywhere: not in what the function logs,
 * not in what it throws (Powertools' FullBatchFailureError and every record error it holds, with
 * their causes) and not in what it answers. The router runs as Lambda runs it, in its own
 * environment from the synthesised template, on DynamoDB Local and the local KMS; the one fault the
 * emulators cannot produce (a store error quoting what it was given) is injected into the
 * DynamoDB document client for one report only.
 */
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { describe, it } from 'node:test';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { inFunctionEnvironment } from '../../functions/configuration/function-environment.ts';
import { handler } from '../../functions/handlers/route-report.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { newReference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { captureOutput, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
// Review off: the routed record then holds the report's content, so a store error quoting the
// item it was given quotes the reporter's words.
const local = useLocalStack({ review: 'off' });

/** Words no log line, error or answer has any business holding. */
const WORDS = ['Marmalade', 'Quillfeather', 'Zanzibar', 'Thistlewood', 'Nightjar', 'Pemberley'] as const;

const routerEnvironment = () => {
  const router = [...local.stack.functions.values()].find((f) => f.handlerModule === 'functions/handlers/route-report.ts');
  assert.ok(router !== undefined, 'the template has the router');
  return router.environment;
};

const sqsRecord = (messageId: string, body: string): SQSRecord => ({
  messageId,
  receiptHandle: `receipt-${messageId}`,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '0',
    SenderId: 'local',
    ApproximateFirstReceiveTimestamp: '0',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-west-2:000000000000:pac-local-intake',
  awsRegion: 'eu-west-2',
});

const messageWith = (narrative: string) =>
  intakeMessage(newReference(), 'online', reportSubmissionSchema.parse(minimalReport({ force: 'Kent', narrative })), new Date());

/** Every kind of body the router refuses, each carrying report text where its error would quote it. */
const refusedBodies = () => [
  // Not JSON: JSON.parse quotes the start of what it was given.
  sqsRecord('not-json', 'Marmalade was what PC Quillfeather called the bribes at the Zanzibar club.'),
  // JSON the intake schema refuses: zod names the keys it does not accept, and the values are report text.
  sqsRecord(
    'refused-by-schema',
    JSON.stringify({ ...messageWith('Thistlewood took an envelope in the car park behind the station.'), 'Nightjar Pemberley': 'Thistlewood' }),
  ),
];

/** The document client's real send, and a fault for one report: its routing fails in the store, and the error quotes the item. */
const injectStoreFault = (reference: string) => {
  const prototype = DynamoDBDocumentClient.prototype as unknown as { send: (command: unknown, ...rest: unknown[]) => Promise<unknown> };
  const own = Object.hasOwn(prototype, 'send');
  const original = prototype.send;
  prototype.send = function (this: unknown, command: unknown, ...rest: unknown[]) {
    const about = JSON.stringify((command as { input?: unknown }).input ?? {});
    if (about.includes(reference) && command instanceof TransactWriteCommand) {
      const cause = new Error(`Item rejected: ${about}`);
      return Promise.reject(Object.assign(new Error(`One or more parameter values were invalid: ${about}`, { cause }), { name: 'ValidationException' }));
    }
    return original.call(this, command, ...rest);
  };
  return () => {
    if (own) prototype.send = original;
    else delete (prototype as { send?: unknown }).send;
  };
};

/** Everything written while `run` runs: both streams, and every console method in case one bypasses them. */
const capturing = async <T>(run: () => Promise<T>): Promise<{ output: string; result: { threw: true; error: unknown } | { threw: false; value: T } }> => {
  const written: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const writes = streams.map((stream) => stream.write);
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;
  const consoles = methods.map((method) => console[method]);
  streams.forEach((stream, i) => {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (writes[i] as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
  });
  methods.forEach((method, i) => {
    console[method] = (...args: unknown[]) => {
      written.push(args.map((arg) => inspect(arg, { depth: Infinity })).join(' '));
      (consoles[i] as (...a: unknown[]) => void)(...args);
    };
  });
  try {
    const value = await run();
    return { output: written.join(''), result: { threw: false, value } };
  } catch (error) {
    return { output: written.join(''), result: { threw: true, error } };
  } finally {
    streams.forEach((stream, i) => (stream.write = writes[i] as typeof stream.write));
    methods.forEach((method, i) => (console[method] = consoles[i] as never));
  }
};

/** An error as far as anyone could print it: util.inspect (what Node and the runtime show), its own fields, its causes and record errors. */
const everythingIn = (value: unknown): string => {
  const seen = new Set<unknown>();
  const walk = (v: unknown): string[] => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return [String(v)];
    seen.add(v);
    const fields = v instanceof Error ? [v.name, v.message, v.stack ?? ''] : [];
    const nested = Object.getOwnPropertyNames(v).flatMap((key) => walk((v as Record<string, unknown>)[key]));
    const cause = v instanceof Error && 'cause' in v ? walk(v.cause) : [];
    return [...fields, ...nested, ...cause];
  };
  let json = '';
  try {
    json = JSON.stringify(value);
  } catch {
    json = '';
  }
  return [inspect(value, { depth: Infinity, showHidden: true }), json, ...walk(value)].join('\n');
};

const invokeRouter = (event: SQSEvent) =>
  capturing(() =>
    inFunctionEnvironment(routerEnvironment(), () =>
      handler(event, { functionName: 'router', awsRequestId: 'test-invocation' } as unknown as Context),
    ),
  );

const assertNoReportWords = (text: string) => {
  for (const word of WORDS) assert.ok(!text.toLowerCase().includes(word.toLowerCase()), `"${word}" appears in:\n${text.slice(0, 4_000)}`);
};

describe('the router, when records fail', () => {
  it('logs, throws and answers no report words when the whole batch fails, and every record is failed for SQS to retry', async () => {
    const faulty = messageWith('PC Quillfeather sold Marmalade the names of the Zanzibar informants.');
    const records = [...refusedBodies(), sqsRecord('store-fault', JSON.stringify(faulty))];
    const restore = injectStoreFault(faulty.reference);
    const { output, result } = await invokeRouter({ Records: records }).finally(restore);

    assert.ok(result.threw, 'a batch that wholly fails fails the invocation: SQS retries every record, and the errors alarm sees it');
    const error = result.error as Error & { recordErrors?: Error[] };
    assert.equal(error.name, 'FullBatchFailureError');
    assert.equal(error.recordErrors?.length, records.length, 'every record failed');
    assert.deepEqual(
      error.recordErrors?.map((e) => [e.name, e.message]).sort(),
      [
        ['ContactNotRouted', 'Intake message not routed (SyntaxError)'],
        ['ContactNotRouted', 'Intake message not routed (ValidationException)'],
        ['ContactNotRouted', 'Intake message not routed (ZodError)'],
      ],
      'each says what kind of error stopped it, and nothing of what it was given',
    );
    // The logs were captured (so their silence means something), and they say what failed.
    for (const kind of ['SyntaxError', 'ZodError', 'ValidationException']) assert.ok(output.includes(kind), `the log names ${kind}`);
    assert.equal(output.match(/Intake message not routed; SQS will retry it/g)?.length, records.length);

    assertNoReportWords(output);
    assertNoReportWords(everythingIn(result.error));
  });

  it('names only the failed records, and no report words, when part of the batch fails', async () => {
    const good = messageWith('Nightjar is what the sergeant at Pemberley calls the petty cash he keeps.');
    const records = [...refusedBodies(), sqsRecord('good', JSON.stringify(good))];
    const { output, result } = await invokeRouter({ Records: records });

    assert.ok(!result.threw, everythingIn(result.threw ? result.error : undefined));
    const response = result.value as SQSBatchResponse;
    assert.deepEqual(response.batchItemFailures.map((f) => f.itemIdentifier).sort(), ['not-json', 'refused-by-schema']);
    assert.ok(output.includes('Contact routed'), `the good record was routed and logged: ${output}`);
    assertNoReportWords(output);
    assertNoReportWords(JSON.stringify(response));
  });
});
