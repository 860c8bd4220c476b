/**
 * `npm run bench:load [-- --reports N --concurrency C --warm-up W --profile <file>]`: the local
 * pipeline under load, and the same emulators' floor.
 *
 * 1. The service: N valid reports (default 2,000), C at a time (default 32), through the public
 *    API of the local stack (review off, as `npm start`), each to one of a few forces. Prints the
 *    202's latency (p50, p95, p99), the time until every report is on its force's queue, and
 *    whether any was lost or doubled (each force message's `messageId` counted once).
 * 2. The floor: on the same emulators, in the same run, the bare minimum per report done directly
 *    with the SDK, C at a time: send to a standard queue, receive and delete it, one DynamoDB
 *    write, one send to a FIFO queue.
 *
 * The ratio of the two says how far the pipeline is from what its emulators allow. A figure to
 * read, not a test: these machines are shared and noisy.
 *
 * Each side is measured warm: W more (default 200) go through first and are not counted. Until
 * 2026-12-03 only the floor was (it ran after the service, on a JVM and V8 the service had warmed):
 * the service's first few hundred reports cost about twice the CPU of later ones, which the ratio
 * charged to the pipeline. `--warm-up 0` measures as before.
 *
 * `--profile <file>` writes a V8 CPU profile of the counted part of the service's side (this
 * process: the functions, the local gateway, fauxqs, the KMS emulator, the DynamoDB IAM proxy and
 * this script's client); `node scripts/profile-summary.ts <file> --per N` says where it went.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CreateTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Agent, request as httpRequest } from 'node:http';
import { CreateQueueCommand, DeleteMessageBatchCommand, DeleteMessageCommand, type Message, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { localDynamoDbClient, localSqsClient, waitForTableActive } from '../local/emulators.ts';
import { startLocalStack } from '../local/stack.ts';
import { percentile } from './bench-figures.ts';
import { Session } from 'node:inspector/promises';

const { values } = parseArgs({
  options: { reports: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '32' }, 'warm-up': { type: 'string', default: '200' }, profile: { type: 'string' } },
});
const REPORTS = Number(values.reports);
const CONCURRENCY = Number(values.concurrency);
const WARM_UP = Number(values['warm-up']);
const FORCES = ['Kent', 'Essex', 'the Met', 'Norfolk'] as const;
const QUEUES: Record<(typeof FORCES)[number], string> = {
  Kent: 'pac-local-reports-kent.fifo',
  Essex: 'pac-local-reports-essex.fifo',
  'the Met': 'pac-local-reports-metropolitan.fifo',
  Norfolk: 'pac-local-reports-norfolk.fifo',
};


/** Runs `work(i)` for i in 0..count-1, `concurrency` at a time. */
const pool = async (count: number, concurrency: number, work: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await work(i);
    }),
  );
};

/**
 * Posts a report the way a browser would, on one of `CONCURRENCY` kept-alive connections: the
 * load is made in this process, whose CPU is counted with the service's, so it is made with plain
 * node:http: fetch cost 0.26 ms of CPU a request here, client and server together, node:http 0.08.
 */
const client = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const postReport = (url: string, body: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method: 'POST', agent: client, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (answer) => {
      answer.resume();
      answer.on('end', () => resolve(answer.statusCode ?? 0));
      answer.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });

/** Receives and deletes from the queues until `expected` distinct messages have come, or the deadline passes. */
const drain = async (sqs: SQSClient, queueUrls: readonly string[], expected: number, deadline: number) => {
  const seen = new Set<string>();
  let doubled = 0;
  while (seen.size < expected && Date.now() < deadline) {
    await Promise.all(
      queueUrls.map(async (QueueUrl) => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        for (const message of Messages) {
          const id = (JSON.parse(message.Body ?? '{}') as { messageId?: string }).messageId ?? message.MessageId ?? '';
          if (seen.has(id)) doubled++;
          seen.add(id);
        }
        // One request for the batch: the drain is the bench's, and its CPU is counted with the service's.
        if (Messages.length > 0) {
          await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })) }));
        }
      }),
    );
  }
  return { delivered: seen.size, doubled };
};

/**
 * CPU seconds used so far by this process (the local stack, fauxqs and the functions all run in
 * it) and by its child processes (DynamoDB Local's JVM), read from /proc: on a shared machine the
 * CPU a report costs is a steadier figure than the wall time it takes. Undefined where there is no
 * /proc (not Linux).
 */
const cpuSeconds = (): { node: number; children: number } | undefined => {
  const { user, system } = process.cpuUsage();
  try {
    const stats = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((pid) => {
        try {
          // After the command's closing parenthesis: state, ppid, …; utime and stime are the 14th and 15th fields.
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
          return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
        } catch {
          return [];
        }
      });
    const descendants = new Set([process.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const stat of stats) if (descendants.has(stat.ppid) && !descendants.has(stat.pid)) (descendants.add(stat.pid), (grew = true));
    }
    const ticks = stats.filter((stat) => stat.pid !== process.pid && descendants.has(stat.pid)).reduce((sum, stat) => sum + stat.ticks, 0);
    return { node: (user + system) / 1e6, children: ticks / 100 };
  } catch {
    return undefined;
  }
};
const cpuBetween = (from: ReturnType<typeof cpuSeconds>, to: ReturnType<typeof cpuSeconds>) =>
  from === undefined || to === undefined ? undefined : { node: to.node - from.node, children: to.children - from.children };
const perReport = (cpu: ReturnType<typeof cpuBetween>) =>
  cpu === undefined ? 'n/a' : `${((1000 * cpu.node) / REPORTS).toFixed(1)} + ${((1000 * cpu.children) / REPORTS).toFixed(1)} ms`;

// The functions' own JSON log lines would bury the figures: kept out unless SHOW_FUNCTION_LOGS is set.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
  process.env.SHOW_FUNCTION_LOGS === undefined && String(chunk).startsWith('{"level"') ? true : (write as (...args: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;

const stack = await startLocalStack({ review: 'off' });
try {
  const sqs = localSqsClient(stack.sqsEndpoint);
  const queueUrls = Object.values(QUEUES).map((name) => stack.queueUrls.get(name) ?? '');

  // 1. The service.
  const postReports = async (count: number, first: number) => {
    const latencies: number[] = [];
    let refused = 0;
    await pool(count, CONCURRENCY, async (n) => {
      const i = first + n;
      const force = FORCES[i % FORCES.length]!;
      const sent = performance.now();
      const status = await postReport(
        `${stack.apiUrl}/reports`,
        JSON.stringify({ categories: ['bribery'], force, narrative: `Report ${i} under load: an officer asked me for money to drop a speeding ticket.` }),
      );
      latencies.push(performance.now() - sent);
      if (status !== 202) refused++;
    });
    return { latencies, refused };
  };
  // The warm-up: both sides are measured warm (the functions' code compiled by V8, DynamoDB Local's
  // by its JVM, each SDK client's connections open), as the floor always was, since it ran second.
  if (WARM_UP > 0) {
    const warming = await postReports(WARM_UP, REPORTS);
    const warmed = await drain(sqs, queueUrls, WARM_UP - warming.refused, Date.now() + 5 * 60_000);
    if (warming.refused > 0 || warmed.delivered !== WARM_UP || warmed.doubled > 0) throw new Error(`The warm-up lost, doubled or refused reports: ${JSON.stringify({ ...warmed, refused: warming.refused })}`);
  }
  // `--profile <file>`: a V8 CPU profile of this process for the service's part alone (not the
  // stack's start, the warm-up or the floor), to read in Chrome's DevTools or with
  // scripts/profile-summary.ts.
  const profiler = values.profile === undefined ? undefined : new Session();
  if (profiler !== undefined) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const cpuStarted = cpuSeconds();
  const started = performance.now();
  const { latencies, refused } = await postReports(REPORTS, 0);
  const taken = performance.now();
  const { delivered, doubled } = await drain(sqs, queueUrls, REPORTS - refused, Date.now() + 15 * 60_000);
  const allDelivered = performance.now();
  const serviceCpu = cpuBetween(cpuStarted, cpuSeconds());
  if (profiler !== undefined && values.profile !== undefined) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(values.profile, JSON.stringify(profile));
    profiler.disconnect();
  }

  // 2. The floor, on the same emulators.
  const dynamodb = localDynamoDbClient(stack.dynamoDbEndpoint);
  const run = randomUUID().slice(0, 8);
  const TableName = `bench-floor-${run}`;
  await dynamodb.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
    }),
  );
  await waitForTableActive(dynamodb, TableName);
  const { QueueUrl: intake = '' } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-floor-intake-${run}` }));
  const { QueueUrl: force = '' } = await sqs.send(
    new CreateQueueCommand({ QueueName: `bench-floor-force-${run}.fifo`, Attributes: { FifoQueue: 'true' } }),
  );
  const floorReport = async (i: number) => {
    const body = JSON.stringify({ i, narrative: 'an officer asked me for money to drop a speeding ticket' });
    await sqs.send(new SendMessageCommand({ QueueUrl: intake, MessageBody: body }));
    let received: Message | undefined;
    while (received === undefined) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: intake, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
      received = Messages[0];
    }
    await sqs.send(new DeleteMessageCommand({ QueueUrl: intake, ReceiptHandle: received.ReceiptHandle }));
    await dynamodb.send(new PutItemCommand({ TableName, Item: { PK: { S: `REPORT#${run}-${i}` }, body: { S: received.Body ?? '' } } }));
    await sqs.send(new SendMessageCommand({ QueueUrl: force, MessageBody: body, MessageGroupId: String(i), MessageDeduplicationId: `${run}-${i}` }));
  };
  // The floor's warm-up, as the service's; what it sends to the FIFO queue is left there, unread by either.
  await pool(WARM_UP, CONCURRENCY, (n) => floorReport(REPORTS + n));
  const floorCpuStarted = cpuSeconds();
  const floorStarted = performance.now();
  await pool(REPORTS, CONCURRENCY, floorReport);
  const floorDone = performance.now();
  const floorCpu = cpuBetween(floorCpuStarted, cpuSeconds());

  const sorted = [...latencies].sort((a, b) => a - b);
  const serviceSeconds = (allDelivered - started) / 1000;
  const floorSeconds = (floorDone - floorStarted) / 1000;
  console.log(`\nThe local pipeline under load: ${REPORTS} reports, ${CONCURRENCY} at a time, review off, each side measured after ${WARM_UP} not counted\n`);
  console.log('| figure | value |');
  console.log('|---|---|');
  console.log(`| 202 latency p50 / p95 / p99 | ${percentile(sorted, 0.5).toFixed(0)} / ${percentile(sorted, 0.95).toFixed(0)} / ${percentile(sorted, 0.99).toFixed(0)} ms |`);
  console.log(`| all taken in (202) | ${((taken - started) / 1000).toFixed(1)} s |`);
  console.log(`| all on their forces' queues | ${serviceSeconds.toFixed(1)} s (${(REPORTS / serviceSeconds).toFixed(1)} reports/s) |`);
  console.log(`| refused / lost / doubled | ${refused} / ${REPORTS - refused - delivered} / ${doubled} |`);
  console.log(`| the floor, same emulators | ${floorSeconds.toFixed(1)} s (${(REPORTS / floorSeconds).toFixed(1)} reports/s) |`);
  console.log(`| CPU per report, this process + DynamoDB Local (service / floor) | ${perReport(serviceCpu)} / ${perReport(floorCpu)} |`);
  console.log(`| ratio to the floor | ${(serviceSeconds / floorSeconds).toFixed(1)} (goal: at most 3) |`);
  sqs.destroy();
  dynamodb.destroy();
  client.destroy();
  if (refused > 0 || delivered !== REPORTS - refused || doubled > 0) process.exitCode = 1;
} finally {
  await stack.stop();
}
