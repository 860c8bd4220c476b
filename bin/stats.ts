#!/usr/bin/env node
/**
 * `npm run stats -- --force metropolitan --from 2022-11 --to 2024-04 [--exact]`: a force's
 * statistics as a table, a row per month and a totals row, read straight from the report table.
 * The public view (counts below 5 per force and month hidden, as GET /stats shows them) unless
 * `--exact`, for operators.
 *
 * Against the local stack: `--endpoint http://127.0.0.1:8000` (or AWS_ENDPOINT_URL_DYNAMODB); any
 * credentials will do there. Against AWS: no endpoint, the usual credential chain and region, and
 * `--stage prod` (table `pac-prod-reports`) or `--table <name>`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DynamoStatisticsStore } from '../functions/adapters/statistics-store.ts';
import { awsClientConfig } from './aws-client-config.ts';
import {
  cellText,
  COLUMN_HEADINGS,
  exactStatistics,
  parseStatisticsQuery,
  publicStatistics,
  SUPPRESSION_NOTE,
  type PublicCount,
  type StatisticsTable,
} from '../functions/domain/statistics-view.ts';

const USAGE = `Usage: npm run stats -- --force <force id> --from <yyyy-mm> --to <yyyy-mm> [--exact]
                       [--endpoint <url>] [--stage local|dev|prod | --table <name>] [--region <region>]

  --force     the force's id, as in data/uk-police-forces.csv (e.g. metropolitan, kent)
  --from/--to the first and last month, both included (at most 120 months)
  --exact     exact counts, for operators; without it, the public view (counts below 5 hidden)
  --endpoint  DynamoDB endpoint, e.g. http://127.0.0.1:8000 for npm start (default: AWS_ENDPOINT_URL_DYNAMODB, else AWS)
  --stage     reads the table pac-<stage>-reports (default local); --table names it outright`;

/** The table as people read it: months as rows, counters as columns, right-aligned, totals last. */
export const renderStatistics = (table: StatisticsTable<PublicCount>, view: 'exact' | 'public'): string => {
  const headings = ['Month', ...table.columns.map((column) => COLUMN_HEADINGS[column])];
  const rows = [
    ...table.months.map(({ month, counts }) => [month, ...table.columns.map((column) => cellText(counts[column]))]),
    ['Total', ...table.columns.map((column) => cellText(table.totals[column]))],
  ];
  const widths = headings.map((heading, i) => Math.max(heading.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [
    `${table.force.name} (${table.force.id}), ${table.from} to ${table.to}: ${view === 'exact' ? 'exact counts, not for publication' : 'public view'}`,
    '',
    line(headings),
    rule,
    ...rows.slice(0, -1).map(line),
    rule,
    line(rows.at(-1)!),
    '',
    view === 'exact' ? 'Exact counts, including those below 5: for operators only.' : SUPPRESSION_NOTE,
  ].join('\n');
};


const explain = (error: unknown, endpoint: string | undefined, tableName: string): string => {
  const name = error instanceof Error ? error.name : '';
  const where = endpoint ?? 'AWS';
  if (name === 'ResourceNotFoundException') return `There is no table ${tableName} at ${where}. Name it with --table or --stage.`;
  if ((error as { code?: string }).code === 'ECONNREFUSED' || /ECONNREFUSED/.test(String(error))) {
    return `Nothing answers at ${where}. Is the local stack running (npm start)?`;
  }
  if (name === 'CredentialsProviderError') return 'No AWS credentials found: set them as for the AWS CLI, or pass --endpoint for the local stack.';
  if (/region/i.test(String(error))) return `${String(error)}: set AWS_REGION or pass --region (the service runs in eu-west-2).`;
  return `Could not read the statistics from ${tableName} at ${where}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
};

const main = async (argv: readonly string[]): Promise<number> => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        force: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        exact: { type: 'boolean', default: false },
        endpoint: { type: 'string' },
        stage: { type: 'string', default: 'local' },
        table: { type: 'string' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`stats: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const parsed = parseStatisticsQuery({ force: values.force, from: values.from, to: values.to });
  if (parsed.kind === 'invalid') {
    for (const { detail } of parsed.problems) console.error(`stats: ${detail}`);
    console.error(`\n${USAGE}`);
    return 2;
  }
  const { force, range } = parsed.query;

  const endpoint = values.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const tableName = values.table ?? `pac-${values.stage}-reports`;
  const client = new DynamoDBClient(awsClientConfig({ endpoint, region: values.region }));
  try {
    const store = new DynamoStatisticsStore(DynamoDBDocumentClient.from(client), tableName);
    const exact = exactStatistics(force, range, await store.monthlyCounts(force.id, range));
    console.log(renderStatistics(values.exact ? exact : publicStatistics(exact), values.exact ? 'exact' : 'public'));
    return 0;
  } catch (error) {
    console.error(`stats: ${explain(error, endpoint, tableName)}`);
    return 1;
  } finally {
    client.destroy();
  }
};

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
