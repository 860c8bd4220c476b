#!/usr/bin/env node
/**
 * `npm run holdings -- --stage prod [--now 2027-03-01] [--json]`: what the service holds, so that
 * an operator can answer a data-protection question in a minute. How many reports, sealed
 * originals, reporters' contact details, follow-up codes, questions and answers, person-link keys,
 * audit events and statistics months the report table holds, and how many data keys the data keys
 * table holds, by age band (by the date each was made), and how many of each the retention
 * schedule (functions/domain/retention-schedule.ts, by the days the retention job ends them) has
 * made due for deletion by the day asked about, and will in the 30 days after it.
 *
 * Reads only: a parallel Scan of each table projecting keys, times and statuses
 * (functions/adapters/holdings-scan.ts), so it needs dynamodb:Scan on the two tables and nothing
 * else (no KMS: nothing is opened). It prints counts only: never a reference, never a word of a
 * report, never a key.
 *
 * Against the local stack (`--stage local`, the default): the DynamoDB of `npm start`
 * (http://127.0.0.1:8000, or DYNAMODB_PORT), or `--endpoint <url> --table <name> --data-keys-table
 * <name>`. Against AWS: `--stage dev|prod` (tables `pac-<stage>-reports` and `pac-<stage>-data-keys`,
 * named by lib/stage.ts) or `--table <name>`, the usual credential chain and region. Options, errors and exit codes as every operator command's
 * (bin/operator-cli.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readDataKeyHoldings, readHoldings } from '../functions/adapters/holdings-scan.ts';
import {
  AGE_BAND_NAMES,
  AGE_BANDS,
  DUE_SOON_DAYS,
  HELD_KIND_NAMES,
  HELD_KINDS,
  tallyHoldings,
  type EndsWith,
  type Holdings,
} from '../functions/domain/holdings.ts';
import { DEFAULT_RETENTION, retentionScheduleSchema, type RetentionSchedule } from '../functions/domain/retention-schedule.ts';
import { resourceNames } from '../lib/stage.ts';
import { awsClientConfig } from './aws-client-config.ts';
import { counted, defineCommand, endpointOption, explainAwsError, isMain, positiveInteger, regionOption, runCommand, stageOption, tableOption, UsageError } from './operator-cli.ts';

/** `--now`: a day (YYYY-MM-DD, its start in UTC) or an ISO time. */
const dayOrTime = (text: string): Date => {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : new Date(Number.NaN);
  // A day that is not in its month (2027-02-30) rolls over in Date: refused, not moved.
  if (Number.isNaN(at.getTime()) || (text.length === 10 && at.toISOString().slice(0, 10) !== text)) throw new UsageError('must be a day such as 2027-03-01, or an ISO time');
  return at;
};

/** `--retention`: the schedule as given to the stack (`-c retention=…`), JSON; every field defaults. */
const schedule = (text: string): RetentionSchedule => {
  let given: unknown;
  try {
    given = JSON.parse(text);
  } catch {
    throw new UsageError('must be JSON such as {"keepingInContactDays":365}');
  }
  const parsed = retentionScheduleSchema.safeParse(given);
  if (!parsed.success) throw new UsageError(`must name keepingInContactDays, originalDays and closedWithoutDisseminationDays (whole days, 1 to 3650)`);
  return parsed.data;
};

export const HOLDINGS = defineCommand({
  name: 'holdings',
  synopsis: '[--stage <stage> | --table <name> --data-keys-table <name>] [--endpoint <url>] [--now <day>] [--retention <json>] [--json] [--region <region>]',
  summary:
    'What the service holds: reports, originals, contact details, follow-up codes, questions and\n' +
    'answers, their data keys, person-link keys, audit events and statistics, by age, and how many\n' +
    'are due for deletion under the retention schedule, now and in the next 30 days. Counts only;\n' +
    'reads only.',
  options: {
    stage: stageOption,
    table: tableOption,
    'data-keys-table': { type: 'string', value: '<name>', description: 'the data keys table, named outright (default: the one --stage names, pac-<stage>-data-keys)' },
    endpoint: {
      ...endpointOption('dynamodb'),
      description: 'DynamoDB endpoint (default: AWS_ENDPOINT_URL_DYNAMODB; with --stage local, npm start\'s at http://127.0.0.1:8000 or DYNAMODB_PORT; else AWS)',
    },
    region: regionOption,
    now: { type: 'string', value: '<day>', description: 'the day to ask about, e.g. 2027-03-01 (default: today)', parse: dayOrTime },
    retention: {
      type: 'string',
      value: '<json>',
      description: 'the schedule in force, as given to the stack with -c retention=… (default: the defaults)',
      parse: schedule,
    },
    segments: { type: 'string', value: '<n>', description: 'table segments scanned at once (default 4)', default: '4', parse: positiveInteger },
    json: { type: 'boolean', description: 'print the tally as JSON, for a script' },
  },
  examples: ['npm run holdings', 'npm run holdings -- --stage prod', 'npm run holdings -- --stage prod --now 2027-06-01 --json'],
});

const ENDS_TEXT: Readonly<Record<EndsWith, string>> = {
  'keeping-in-contact': 'keeping in contact',
  original: 'original',
  kept: 'kept with the record',
};

const grouped = (count: number): string => count.toLocaleString('en-GB');

/** The schedule in force, in words. */
export const scheduleText = (schedule: RetentionSchedule): string[] => [
  `Schedule${JSON.stringify(schedule) === JSON.stringify(DEFAULT_RETENTION) ? ' (the defaults)' : ''}:`,
  `  keeping in contact: contact details, follow-up codes, questions and answers end ${schedule.keepingInContactDays} days after a report last reached a force or its last exchange, whichever is later`,
  `  original: the sealed original ends ${schedule.originalDays} days after keeping in contact ends`,
  `  closed without dissemination: everything of the reporter's ends ${schedule.closedWithoutDisseminationDays} days after the contact was closed`,
  '  kept with the record: the report record, its audit trail, the statistics and the person-link keys',
];

/** The tally as a table: a row per kind, held by age band, due now and soon, and which day ends it. */
export const renderHoldings = (holdings: Holdings, table: string, keysTable?: string): string => {
  const headings = ['What', 'Held', ...AGE_BANDS.filter((band) => band !== 'undated').map((band) => AGE_BAND_NAMES[band]), 'Undated', 'Due now', `Due in ${DUE_SOON_DAYS} days`, 'No end yet', 'Ends with'];
  const rows = HELD_KINDS.map((kind) => {
    const tally = holdings.kinds[kind];
    const scheduled = tally.endsWith !== 'kept';
    return [
      HELD_KIND_NAMES[kind],
      grouped(tally.held),
      ...AGE_BANDS.filter((band) => band !== 'undated').map((band) => grouped(tally.byAge[band])),
      grouped(tally.byAge.undated),
      scheduled ? grouped(tally.dueNow) : '-',
      scheduled ? grouped(tally.dueSoon) : '-',
      scheduled ? grouped(tally.noEndYet) : '-',
      ENDS_TEXT[tally.endsWith],
    ];
  });
  const widths = headings.map((heading, i) => Math.max(heading.length, ...rows.map((row) => row[i]!.length)));
  const last = headings.length - 1;
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 || i === last ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const others = Object.entries(holdings.other).sort(([a], [b]) => a.localeCompare(b));
  return [
    `What ${keysTable === undefined ? `${table} holds` : `${table} and ${keysTable} hold`}, as of ${holdings.asOf} (ages by the day each was made; due: past the day the schedule ends it)`,
    '',
    line(headings),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
    '',
    `${counted(holdings.items, 'item')} read (both tables).${others.length === 0 ? '' : ` Besides these, holding nothing of a reporter's: ${others.map(([what, count]) => `${grouped(count)} ${what}`).join(', ')}.`}`,
    'No end yet: the report is still with the contact centre (or its record was not found), so no day is set.',
    `Ended by the retention job: keeping in contact of ${counted(holdings.ended.keepingInContact, 'report')}, the original of ${holdings.ended.original}.`,
    ...(holdings.contactDetailsInsideOriginals === 0
      ? []
      : [
          `${grouped(holdings.contactDetailsInsideOriginals)} of the contact details are sealed inside originals from before retention: they end with the original, or on their own day once \`npm run retention -- --reseal-legacy\` has sealed them apart.`,
        ]),
    '',
    ...scheduleText(holdings.schedule),
  ].join('\n');
};

/** Where the local stack's DynamoDB listens when `npm start` runs it (bin/local.ts). */
export const localDynamoDbEndpoint = (env: Readonly<Record<string, string | undefined>> = process.env): string =>
  `http://127.0.0.1:${env.DYNAMODB_PORT === undefined || env.DYNAMODB_PORT === '' ? '8000' : env.DYNAMODB_PORT}`;

export const main = (argv: readonly string[]) =>
  runCommand(HOLDINGS, argv, async (values, io) => {
    const endpoint = values.endpoint ?? (values.stage === 'local' ? localDynamoDbEndpoint() : undefined);
    const tableName = values.table ?? resourceNames(values.stage).table;
    const keysTable = values['data-keys-table'] ?? resourceNames(values.stage).dataKeysTable;
    const now = values.now ?? new Date();
    const client = new DynamoDBClient(awsClientConfig({ endpoint, region: values.region }));
    const documents = DynamoDBDocumentClient.from(client);
    const read = async (table: string, scan: typeof readHoldings) => {
      io.err(`Reading ${table} (${counted(values.segments, 'segment')} at once)…`);
      let reported = 0;
      try {
        return await scan(documents, table, {
          segments: values.segments,
          onPage: (read) => {
            // A line per 10,000 items or so: a large table shows it is moving, a small one stays quiet.
            if (read - reported < 10_000) return;
            reported = read;
            io.err(`${grouped(read)} items read`);
          },
        });
      } catch (error) {
        throw explainAwsError(error, { where: endpoint ?? 'AWS', doing: `read what ${table} holds`, table });
      }
    };
    try {
      const items = [...(await read(tableName, readHoldings)), ...(await read(keysTable, readDataKeyHoldings))];
      const holdings = tallyHoldings(items, now, values.retention ?? DEFAULT_RETENTION);
      io.out(values.json ? JSON.stringify({ table: tableName, dataKeysTable: keysTable, ...holdings }, null, 2) : renderHoldings(holdings, tableName, keysTable));
    } finally {
      client.destroy();
    }
  });

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
