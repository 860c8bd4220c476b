/**
 * `npm run bench` (part): what one report costs, counted. The whole local stack runs with a usage
 * meter (local/usage-meter.ts); reports go in through the public API as the website sends them
 * and, with review on, through the contact centre's steps (open the review, sanitise, approve by a
 * second person), until each is on its force's queue. Every SQS request, DynamoDB capacity unit,
 * KMS request, Lambda invocation (with its billed duration at the function's memory) and HTTP API
 * request is counted, priced at the on-demand prices stated below, and printed per report and per
 * million reports, with where each comes from and how it compares with the goal. A figure to read,
 * not a test: counts are exact, durations are this machine's, and the bench never fails on them
 * (test/integration/cost-per-report.test.ts holds the counts).
 *
 * BENCH_COST_REPORTS sets how many reports each review setting sends (5 by default), after one more
 * that warms the functions up and is not counted; BENCH_COST_NARRATIVE_CHARACTERS how long their
 * narrative is (82 characters by default).
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { localSqsClient } from '../local/emulators.ts';
import type { DynamoDbRequestUse } from '../local/dynamodb-guard.ts';
import { startLocalStack, type LocalStackOptions } from '../local/stack.ts';
import { KEY_ENCRYPTION_KEY_LIMITS } from '../functions/adapters/key-encryption-keys.ts';
import { HANDLER_METADATA } from '../lib/project-layout.ts';
import { resourcesOfType } from '../local/stack-template.ts';
import {
  billedSqsRequests,
  capacityOf,
  isFifoQueue,
  startUsageMeter,
  transactionalItemUnits,
  type InvocationUse,
  type ServiceRequestUse,
  type UsageMeter,
} from '../local/usage-meter.ts';

/**
 * The prices used, USD, on-demand, as stated on the pages named, read on the date given from
 * stored copies of them. The issue asks for eu-west-2 (London); the stored pages state US East
 * (N. Virginia) figures, so these are those figures and the London ones are NOT verified here.
 * As far as the author knows (not checked against a stored page), Lambda, SQS and KMS cost the
 * same in London, and DynamoDB's and API Gateway's London rates have been somewhat higher, so
 * those lines may be understated. Free tiers are left out: at a million reports they are used up.
 */
export const PRICES_READ = '2026-12-03';
export const PRICES_REGION = 'us-east-1 figures; eu-west-2 not verified';

interface Price {
  readonly usd: number;
  readonly stated: string;
  readonly source: string;
}

export const PRICES = {
  httpApiRequest: { usd: 1.0 / 1e6, stated: '$1.00 per million requests (first 300 million a month)', source: 'aws.amazon.com/api-gateway/pricing (worked example); apigatewaycost.com/aws' },
  lambdaRequest: { usd: 0.2 / 1e6, stated: '$0.20 per million requests', source: 'aws.amazon.com/lambda/pricing' },
  lambdaArmGbSecond: { usd: 0.0000133334, stated: '$0.0000133334 per GB-second, arm64 (first 7.5 billion GB-s a month)', source: 'cloudchipr.com/blog/aws-lambda-pricing' },
  sqsStandardRequest: { usd: 0.4 / 1e6, stated: '$0.40 per million requests, each 64 KB of payload a request', source: 'cloudburn.io/blog/amazon-sqs-pricing (March 2026)' },
  sqsFifoRequest: { usd: 0.5 / 1e6, stated: '$0.50 per million requests, each 64 KB of payload a request', source: 'cloudburn.io/blog/amazon-sqs-pricing (March 2026)' },
  dynamoDbWriteUnit: { usd: 0.625 / 1e6, stated: '$0.625 per million write request units', source: 'airbyte.com/data-engineering-resources/dynamodb-pricing (after the November 2024 cut)' },
  dynamoDbReadUnit: { usd: 0.125 / 1e6, stated: '$0.125 per million read request units', source: 'airbyte.com/data-engineering-resources/dynamodb-pricing (after the November 2024 cut)' },
  kmsRequest: { usd: 0.03 / 10_000, stated: '$0.03 per 10,000 requests', source: 'aws.amazon.com/kms/pricing; wring.co/blog/aws-kms-pricing-guide' },
  kmsKeyMonth: { usd: 1, stated: '$1 per key a month', source: 'aws.amazon.com/kms/pricing' },
} as const satisfies Record<string, Price>;

/**
 * The router seals each report's data key under a key-encryption key it keeps for five minutes or
 * a thousand reports (functions/adapters/key-encryption-keys.ts): the warm-up report makes it, so
 * the reports counted ask KMS nothing to be sealed. In steady use one GenerateDataKey serves the
 * reports one warm router seals in five minutes, at most a thousand: its share of a report is one
 * over that. Priced here for a million reports a month arriving evenly, each window's reports
 * sealed by one warm router: the figure depends on the rate, and below one report in five minutes
 * it is one request a report, as before key-encryption keys.
 */
export const STEADY_REPORTS_A_MONTH = 1_000_000;
const WINDOWS_A_MONTH = (30 * 24 * 60 * 60_000) / KEY_ENCRYPTION_KEY_LIMITS.maxAgeMs;
export const REPORTS_PER_KEY_ENCRYPTION_KEY = Math.max(1, Math.min(KEY_ENCRYPTION_KEY_LIMITS.maxReports, STEADY_REPORTS_A_MONTH / WINDOWS_A_MONTH));

/** The goal in issue 13, for a report with review off. */
export const GOAL = { sqsRequests: 3, writeUnits: 8, usdPerMillion: 3.5, anchorUsdPerMillion: 2.96 } as const;

const NARRATIVE = 'The officer at the front desk asked me for £200 to make my brother’s case go away.';
/**
 * BENCH_COST_NARRATIVE_CHARACTERS: the narrative's length (the short one above by default, 82
 * characters; a longer one repeats it), to see how the write units grow with what a reporter writes:
 * every item that holds the report's words costs a unit per KB, in the table and in its indexes.
 */
const narrativeOf = (characters: number) => (characters <= NARRATIVE.length ? NARRATIVE : `${NARRATIVE} `.repeat(Math.ceil(characters / (NARRATIVE.length + 1))).slice(0, characters).trim());
const REPORT = {
  categories: ['bribery'],
  force: 'the Met',
  narrative: narrativeOf(Number(process.env.BENCH_COST_NARRATIVE_CHARACTERS ?? 0)),
};
const SANITISED = {
  categories: ['bribery'],
  force: 'Met',
  narrative: REPORT.narrative === NARRATIVE ? 'An officer at a front desk is reported to have asked for £200 to drop a case.' : REPORT.narrative.replaceAll('The officer', 'An officer'),
};
const FORCE_QUEUE = 'pac-local-reports-metropolitan.fifo';

/** What the meter counted while the reports went through, and what the bench itself sent. */
export interface Measurement {
  readonly review: 'on' | 'off';
  readonly reports: number;
  readonly apiRequests: number;
  readonly invocations: readonly InvocationUse[];
  readonly dynamoDb: readonly DynamoDbRequestUse[];
  readonly requests: readonly ServiceRequestUse[];
  /** Each function's memory, MB, from the template. */
  readonly memory: ReadonlyMap<string, number>;
  /** DynamoDB requests the local IAM check refused a function: there should be none. */
  readonly refused: number;
  /** The SQS and KMS requests of the report that warmed the functions up, not counted in the rest. */
  readonly warmUpRequests: readonly ServiceRequestUse[];
  /** The router's function (its logical id). */
  readonly router: string | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until nothing runs and nothing more is counted for a while: an event source deletes after its function returns. */
const quiet = async (meter: UsageMeter) => {
  const size = () => meter.invocations.length + meter.dynamoDb.length + meter.requests.length;
  for (let last = -1; ; ) {
    await sleep(400);
    if (meter.running === 0 && size() === last) return;
    last = size();
  }
};

/**
 * Sends `reports` reports (and one before them, not counted) from submission to the force's
 * queue, one at a time, and returns what they cost. One at a time, as at this service's volumes:
 * each reaches the router in a batch of its own.
 */
export const measureReports = async ({
  review,
  reports,
  ...stackOptions
}: { review: 'on' | 'off'; reports: number } & Pick<LocalStackOptions, 'template' | 'sharedDynamoDbEndpoint'>): Promise<Measurement> => {
  const meter = startUsageMeter();
  const stack = await startLocalStack({ ...stackOptions, review, schedules: 'off', meter });
  const sqs = localSqsClient(stack.sqsEndpoint);
  try {
    const forceQueue = stack.queueUrls.get(FORCE_QUEUE);
    if (forceQueue === undefined) throw new Error(`No local queue ${FORCE_QUEUE}`);
    const staff = async (username: string, ...groups: string[]) => ({ authorization: `Bearer ${await stack.issuer.mintToken({ username, groups })}` });
    const analyst = await staff('analyst.ann', 'analysts');
    const supervisor = await staff('sup.sam', 'supervisors');
    let apiRequests = 0;
    const api = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
      apiRequests += 1;
      const answer = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await answer.text();
      if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`);
      return JSON.parse(text || '{}') as Record<string, unknown>;
    };
    // Reports the router has taken off the intake queue.
    const routed = () => meter.requests.filter((r) => r.by === 'event source' && r.operation === 'DeleteMessageBatch').length;
    // The bench reads the force's queue as the force's system would: not counted, it is no function's.
    const onForceQueue = async () => {
      for (;;) {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: forceQueue, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }));
        if (Messages.length > 0) {
          await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: forceQueue, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }));
          return;
        }
      }
    };
    const oneReport = async () => {
      const before = routed();
      const { reference } = (await api('POST', '/reports', REPORT)) as { reference: string };
      if (review === 'on') {
        while (routed() === before) await sleep(50);
        await quiet(meter);
        const url = `/contact-centre/reviews/${reference}`;
        await api('GET', url, undefined, analyst);
        await api('PUT', `${url}/sanitised`, SANITISED, analyst);
        await api('POST', `${url}/approval`, {}, supervisor);
      }
      await onForceQueue();
      await quiet(meter);
    };

    await oneReport();
    const warmUpRequests = [...meter.requests];
    meter.reset();
    apiRequests = 0;
    for (let i = 0; i < reports; i++) await oneReport();
    return {
      review,
      reports,
      apiRequests,
      invocations: [...meter.invocations],
      dynamoDb: [...meter.dynamoDb],
      requests: [...meter.requests],
      memory: new Map(resourcesOfType(stack.template, 'AWS::Lambda::Function').map(([id, r]) => [id, Number(r.Properties?.MemorySize ?? 128)])),
      refused: stack.dynamoDbGuard.refused.filter((refusal) => !refusal.probe).length,
      warmUpRequests,
      router: resourcesOfType(stack.template, 'AWS::Lambda::Function').find(([, r]) => r.Metadata?.[HANDLER_METADATA] === 'functions/handlers/route-report.ts')?.[0],
    };
  } finally {
    sqs.destroy();
    await stack.stop();
    meter.stop();
  }
};

/** A report's own values taken out of keys, so that the same item of different reports reads the same. */
export const itemKind = (key: string): string =>
  key
    .replace(/PAC-[0-9A-Z]{4}-[0-9A-Z]{4}/g, '{reference}')
    .replace(/FR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/g, '{force reference}')
    .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, '{time}')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{id}')
    .replace(/\bKEY#[A-Za-z0-9_-]{16}(?![A-Za-z0-9_-])/g, 'KEY#{data key id}')
    .replace(/\b\d{4}-\d{2}\b/g, '{month}');

const queueName = (url: string | undefined) => url?.split('/').pop() ?? '?';

/** The counts per report: what the test holds and the tables print. */
export const perReport = (m: Measurement) => {
  const sqsBilled = m.requests.filter((r) => r.service === 'sqs');
  const fifo = sqsBilled.filter((r) => isFifoQueue(r.queueUrl)).reduce((n, r) => n + billedSqsRequests(r), 0);
  const standard = sqsBilled.filter((r) => !isFifoQueue(r.queueUrl)).reduce((n, r) => n + billedSqsRequests(r), 0);
  const capacity = m.dynamoDb.map(capacityOf);
  const billedMs = (i: InvocationUse) => Math.ceil(i.milliseconds);
  return {
    apiRequests: m.apiRequests / m.reports,
    invocations: m.invocations.length / m.reports,
    gbSeconds: m.invocations.reduce((sum, i) => sum + (billedMs(i) / 1000) * ((m.memory.get(i.function) ?? 128) / 1024), 0) / m.reports,
    sqsStandard: standard / m.reports,
    sqsFifo: fifo / m.reports,
    sqsRequests: (standard + fifo) / m.reports,
    writeUnits: capacity.reduce((sum, c) => sum + c.write, 0) / m.reports,
    reportedWriteUnits: capacity.reduce((sum, c) => sum + c.reportedWrite, 0) / m.reports,
    readUnits: capacity.reduce((sum, c) => sum + c.read, 0) / m.reports,
    kmsRequests: m.requests.filter((r) => r.service === 'kms').length / m.reports,
    /** The router's key-encryption key made by the warm-up report, shared in steady use (REPORTS_PER_KEY_ENCRYPTION_KEY). */
    kmsKeyEncryptionKeys: keyEncryptionKeyRequests(m).length / REPORTS_PER_KEY_ENCRYPTION_KEY,
  };
};

/** The router's GenerateDataKey: since key-encryption keys, it makes only those (the report sent names no one: no person-link key). */
export const keyEncryptionKeyRequests = (m: Pick<Measurement, 'warmUpRequests' | 'router'>): ServiceRequestUse[] =>
  m.warmUpRequests.filter((r) => r.service === 'kms' && r.operation === 'GenerateDataKey' && r.function === m.router);

const usd = (value: number) => `$${value.toFixed(2)}`;
const count = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
const table = (header: readonly string[], rows: readonly (readonly string[])[]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');

const shortName = (logicalId: string) => logicalId.replace(/[0-9A-F]{8}$/, '');

/** Rows summed by a key and divided by the number of reports. */
const grouped = <T>(items: readonly T[], key: (item: T) => string, values: (item: T) => number[], reports: number) => {
  const sums = new Map<string, number[]>();
  for (const item of items) {
    const k = key(item);
    const v = values(item);
    sums.set(k, (sums.get(k) ?? v.map(() => 0)).map((sum, i) => sum + v[i]!));
  }
  return [...sums].map(([k, v]) => [k, v.map((sum) => sum / reports)] as const);
};

export const costTable = (m: Measurement): { text: string; usdPerMillion: number } => {
  const r = perReport(m);
  const million = 1e6;
  const lines: [string, string, number, string, number][] = [
    ['API Gateway HTTP API', 'requests', r.apiRequests, PRICES.httpApiRequest.stated, r.apiRequests * PRICES.httpApiRequest.usd * million],
    ['Lambda', 'requests (invocations)', r.invocations, PRICES.lambdaRequest.stated, r.invocations * PRICES.lambdaRequest.usd * million],
    ['Lambda', 'duration, GB-s (billed ms × memory), measured here', r.gbSeconds, PRICES.lambdaArmGbSecond.stated, r.gbSeconds * PRICES.lambdaArmGbSecond.usd * million],
    ['SQS standard', 'requests', r.sqsStandard, PRICES.sqsStandardRequest.stated, r.sqsStandard * PRICES.sqsStandardRequest.usd * million],
    ['SQS FIFO', 'requests', r.sqsFifo, PRICES.sqsFifoRequest.stated, r.sqsFifo * PRICES.sqsFifoRequest.usd * million],
    ['DynamoDB', 'write request units', r.writeUnits, PRICES.dynamoDbWriteUnit.stated, r.writeUnits * PRICES.dynamoDbWriteUnit.usd * million],
    ['DynamoDB', 'read request units', r.readUnits, PRICES.dynamoDbReadUnit.stated, r.readUnits * PRICES.dynamoDbReadUnit.usd * million],
    ['KMS', 'requests counted (the key-months are a fixed cost, not per report)', r.kmsRequests, PRICES.kmsRequest.stated, r.kmsRequests * PRICES.kmsRequest.usd * million],
    [
      'KMS',
      `the router's key-encryption key, made by the warm-up report: 1 per ${count(REPORTS_PER_KEY_ENCRYPTION_KEY)} reports at ${STEADY_REPORTS_A_MONTH.toLocaleString('en-GB')} a month (at most ${KEY_ENCRYPTION_KEY_LIMITS.maxReports.toLocaleString('en-GB')}; 1 a report below one in ${KEY_ENCRYPTION_KEY_LIMITS.maxAgeMs / 60_000} minutes)`,
      r.kmsKeyEncryptionKeys,
      PRICES.kmsRequest.stated,
      r.kmsKeyEncryptionKeys * PRICES.kmsRequest.usd * million,
    ],
  ];
  const total = lines.reduce((sum, line) => sum + line[4], 0);
  const rows = lines.map(([service, what, n, price, cost]) => [service, what, what.startsWith('duration') || (n > 0 && n < 0.01) ? n.toFixed(4) : count(n), price, usd(cost)]);
  rows.push(['**total**', '', '', '', `**${usd(total)}**`]);
  return { text: table(['service', 'what', 'per report', 'unit price', 'per million reports'], rows), usdPerMillion: total };
};

/** Where the counts come from: which function, which request, which items. */
export const breakdown = (m: Measurement): string => {
  const n = m.reports;
  const lambda = grouped(
    m.invocations,
    (i) => i.function,
    (i) => [1, i.milliseconds, Math.ceil(i.milliseconds)],
    n,
  ).map(([fn, [calls, ms, billed]]) => [shortName(fn), `${m.memory.get(fn)} MB`, count(calls!), (ms! / calls!).toFixed(1), ((billed! / 1000) * ((m.memory.get(fn) ?? 128) / 1024)).toFixed(4)]);
  const sqs = grouped(
    m.requests.filter((r) => r.service === 'sqs'),
    (r) => `${shortName(r.function)}${r.by === 'event source' ? ' (its event source, as Lambda polls)' : ''}\t${r.operation}\t${queueName(r.queueUrl)}`,
    (r) => [billedSqsRequests(r)],
    n,
  ).map(([k, [billed]]) => [...k.split('\t'), count(billed!)]);
  const dynamo = grouped(
    m.dynamoDb,
    (u) => `${shortName(u.function)}\t${u.operation}\t${u.items.map((item) => `${item.action} ${itemKind(item.key)}`).join('; ')}`,
    (u) => {
      const c = capacityOf(u);
      return [1, c.write, c.indexWrite, c.read, c.reportedWrite];
    },
    n,
  ).map(([k, [requests, write, index, read, reported]]) => {
    const [fn, operation, items] = k.split('\t') as [string, string, string];
    return [fn, `${operation}${requests === 1 ? '' : ` × ${count(requests!)}`}`, items, count(write!), index === 0 ? '' : count(index!), count(read!), write === reported ? '' : count(reported!)];
  });
  // The write units by item: each item of a transaction on its own, an index's share on a line of its own.
  const written: { item: string; units: number }[] = m.dynamoDb.flatMap((u) => {
    const c = capacityOf(u);
    if (c.write === 0) return [];
    const items =
      u.operation === 'TransactWriteItems' && u.images !== undefined
        ? u.images.map((image, i) => ({ item: itemKind(u.items[i]!.key), units: transactionalItemUnits(image) }))
        : [{ item: u.items.map((item) => itemKind(item.key)).join('; '), units: c.write - c.indexWrite }];
    return c.indexWrite === 0 ? items : [...items, { item: 'its entries in the queue index (Queues), for the items above', units: c.indexWrite }];
  });
  const byItem = grouped(written, (w) => w.item, (w) => [1, w.units], n)
    .sort(([, a], [, b]) => b[1]! - a[1]!)
    .map(([item, [writes, units]]) => [item, count(writes!), count(units!)]);
  const kms = grouped(
    m.requests.filter((r) => r.service === 'kms'),
    (r) => `${shortName(r.function)}\t${r.operation}`,
    () => [1],
    n,
  ).map(([k, [calls]]) => [...k.split('\t'), count(calls!)]);
  const kmsWarmUp = grouped(
    m.warmUpRequests.filter((r) => r.service === 'kms'),
    (r) => `${shortName(r.function)}\t${r.operation}`,
    () => [1],
    1,
  ).map(([k, [calls]]) => [...k.split('\t'), count(calls!)]);
  return [
    'Lambda, per report (durations measured on this machine, not on Lambda):',
    table(['function', 'memory', 'invocations', 'mean ms', 'billed GB-s'], lambda),
    '',
    'SQS, per report (billed requests: one for each 64 KB of payload):',
    table(['made by', 'request', 'queue', 'billed requests'], sqs),
    '',
    'DynamoDB, per report, each request with the items it touched:',
    table(['function', 'request', 'items', 'write units', 'of which indexes', 'read units', 'DynamoDB Local reported (where it differs)'], dynamo),
    '',
    'DynamoDB write units per report, by item written:',
    table(['item', 'writes', 'write units'], byItem),
    '',
    'KMS, per report:',
    kms.length === 0 ? '(none)' : table(['function', 'request', 'requests'], kms),
    '',
    'KMS in the warm-up report, not counted above (each function\'s key-encryption or intake data key, made once and kept):',
    table(['function', 'request', 'requests'], kmsWarmUp),
  ].join('\n');
};

/** Against the goal (review off): what exceeds it and by how much. */
export const againstGoal = (m: Measurement, usdPerMillion: number): string => {
  const r = perReport(m);
  const check = (what: string, value: number, goal: number, format: (v: number) => string) =>
    value <= goal ? `- ${what}: ${format(value)}, within the goal of at most ${format(goal)}` : `- ${what}: ${format(value)}, over the goal of at most ${format(goal)} by ${format(value - goal)}`;
  return [
    'Against the goal (issue 13, review off):',
    check('SQS requests per report', r.sqsRequests, GOAL.sqsRequests, count),
    check('DynamoDB write units per report', r.writeUnits, GOAL.writeUnits, count),
    check('cost per million reports, all in', usdPerMillion, GOAL.usdPerMillion, usd),
    `- for scale: a minimal API → SQS → Lambda → DynamoDB → SQS design costs about ${usd(GOAL.anchorUsdPerMillion)} per million.`,
  ].join('\n');
};

const NOTES = [
  'How it is counted:',
  '- A report goes in as the website sends it (POST /reports, naming the Met) and is followed until it is on the',
  '  force\'s queue; with review on, an analyst opens it (GET the review), sanitises it (PUT …/sanitised) and a',
  '  supervisor approves it (POST …/approval). Listing the review queue, signing staff in (Cognito) and the',
  '  force reading its queue are not counted: they are shared by many reports, or paid by another account.',
  '- One report before those counted warms the functions up, so cold starts are not in the figures: a cold',
  '  start adds its init duration (billed) and a lookup of each force queue\'s URL (GetQueueUrl).',
  '- KMS: every request a function makes. The router seals each report under a data key of its own, made at',
  `  random, wrapped by a key-encryption key it keeps for ${KEY_ENCRYPTION_KEY_LIMITS.maxAgeMs / 60_000} minutes or ${KEY_ENCRYPTION_KEY_LIMITS.maxReports.toLocaleString('en-GB')} reports, whichever comes first;`,
  '  the warm-up report makes that key (its GenerateDataKey is shown apart), so the reports counted ask KMS',
  '  nothing to be sealed. A key-encryption key serves up to 1,000 reports, so the steady figure is 1/N a',
  `  report, N the reports one warm router seals in ${KEY_ENCRYPTION_KEY_LIMITS.maxAgeMs / 60_000} minutes: priced at ${STEADY_REPORTS_A_MONTH.toLocaleString('en-GB')} reports a month arriving evenly (N = ${count(REPORTS_PER_KEY_ENCRYPTION_KEY)}).`,
  `  At 1,000 or more reports in ${KEY_ENCRYPTION_KEY_LIMITS.maxAgeMs / 60_000} minutes per warm router it is 1/1,000; below one report in ${KEY_ENCRYPTION_KEY_LIMITS.maxAgeMs / 60_000} minutes it is 1 a report, as`,
  '  before. Each concurrent router instance keeps a key of its own. Opening (review on) is one Decrypt a report.',
  '- SQS: every request a function makes (SendMessage, GetQueueUrl, …), and for the intake queue\'s Lambda',
  '  event source one ReceiveMessage per batch that brought messages and one DeleteMessageBatch per batch,',
  '  as Lambda\'s pollers make them. Reports go one at a time, so each is a batch of one (the worst case;',
  '  at busy times batches of up to 10 share those two requests). Receives that find the queue empty are not',
  '  counted: Lambda\'s pollers long-poll all the time, a fixed cost of the order of a million receives a month',
  '  per event source whatever the number of reports.',
  '- DynamoDB: every request a function makes, through the local IAM check, which asks DynamoDB Local for the',
  '  capacity consumed (ReturnConsumedCapacity INDEXES) and takes it out of the answer again. For a transaction',
  '  of several items DynamoDB Local reports less than DynamoDB bills (three new 600-byte items: 2 units, where',
  '  DynamoDB bills 2 per KB of each item, 6): the table\'s write units of a transaction are worked out here item',
  '  by item (2 per KB of the larger of the item before and after, each rounded up), from the items read',
  '  before and after it, with what DynamoDB Local reported beside them. The queue index (Queues) writes are taken as',
  '  DynamoDB Local reports them: 2 per KB in a transaction, an entry moved costing a delete and a put; if',
  '  DynamoDB bills index upkeep as standard writes, those are half. An empty Query is counted at the least a',
  '  read costs (0.5 unit, 1 if strongly consistent), which DynamoDB Local reports as 0.',
  '- Lambda: every invocation, its duration measured around the handler and rounded up to 1 ms, at the',
  '  function\'s MemorySize from the template, arm64. Durations are this shared two-core machine\'s, not Lambda\'s.',
  '- The schedules (the dissemination sweeper, the review backlog measure) are off: they cost per run, not per',
  '  report. Storage, logs, CloudFront, WAF, Cognito and data transfer are not in the figures.',
  `- Prices: ${PRICES_REGION}, read ${PRICES_READ} from stored copies of:`,
  ...Object.entries(PRICES as Record<string, Price>).map(([name, price]) => `  ${name}: ${price.stated} (${price.source})`),
].join('\n');

/** The functions' own log lines go to stdout and stderr, as on Lambda; the bench prints its tables only. */
const withoutFunctionLogs = () => {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
      (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')).startsWith('{"level"') ? true : write(chunk, ...rest)) as typeof stream.write;
  }
};

const measureAndPrint = async (review: 'on' | 'off', reports: number) => {
  withoutFunctionLogs();
  process.stderr.write(`cost per report, review ${review}: ${reports} reports (narratives of ${REPORT.narrative.length} characters), after one to warm up\n`);
  const measurement = await measureReports({ review, reports });
  const cost = costTable(measurement);
  console.log(`\nCost per report, review ${review}: ${reports} reports counted, priced on demand (${PRICES_REGION})\n`);
  console.log(cost.text);
  console.log('');
  console.log(breakdown(measurement));
  if (review === 'off') console.log(`\n${againstGoal(measurement, cost.usdPerMillion)}`);
  if (measurement.refused > 0) console.log(`\nThe local IAM check refused ${measurement.refused} DynamoDB requests of the functions: these figures are not to be trusted.`);
};

if (import.meta.main) {
  const reports = Number(process.env.BENCH_COST_REPORTS ?? 5);
  const review = process.argv.find((argument) => argument.startsWith('--review='))?.slice('--review='.length);
  if (review === 'on' || review === 'off') {
    await measureAndPrint(review, reports);
  } else {
    // A process for each setting: the functions' SDK clients are made once a process, for the first stack's endpoints.
    for (const setting of ['off', 'on']) {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), `--review=${setting}`], { stdio: 'inherit' });
      if (child.status !== 0) process.exit(child.status ?? 1);
    }
    console.log(`\n${NOTES}`);
  }
}
