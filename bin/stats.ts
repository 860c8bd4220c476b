#!/usr/bin/env node
/**
 * `npm run stats -- --force metropolitan --from 2022-11 --to 2024-04 [--exact]`: a force's
 * statistics as a table, a row per month and a totals row, read straight from the report table.
 * The public view (counts below 5 per force and month hidden, as GET /stats shows them) unless
 * `--exact`, for operators.
 *
 * Against the local stack: `--endpoint http://127.0.0.1:8000` (or AWS_ENDPOINT_URL_DYNAMODB); any
 * credentials will do there. Against AWS: no endpoint, the usual credential chain and region, and
 * `--stage prod` (table `pac-prod-reports`, named by lib/stage.ts) or `--table <name>`. Options,
 * errors and exit codes as every operator command's (bin/operator-cli.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoStatisticsStore } from '../functions/adapters/statistics-store.ts';
import { resourceNames } from '../lib/stage.ts';
import { awsClientConfig } from './aws-client-config.ts';
import { defineCommand, endpointOption, explainAwsError, isMain, regionOption, runCommand, stageOption, tableOption, UsageError } from './operator-cli.ts';
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

export const STATS = defineCommand({
  name: 'stats',
  synopsis: '--force <force id> --from <yyyy-mm> --to <yyyy-mm> [--exact] [--stage <stage> | --table <name>] [--endpoint <url>] [--region <region>]',
  summary: "A force's statistics, a row per month and a totals row, printed as a table to stdout: the\npublic view (counts below 5 hidden, as GET /stats shows them) unless --exact.",
  options: {
    force: { type: 'string', value: '<force id>', description: "the force's id, as in data/uk-police-forces.csv (e.g. metropolitan, kent)" },
    from: { type: 'string', value: '<yyyy-mm>', description: 'the first month, included' },
    to: { type: 'string', value: '<yyyy-mm>', description: 'the last month, included (at most 120 months from --from)' },
    exact: { type: 'boolean', description: 'exact counts, for operators; without it, the public view (counts below 5 hidden)' },
    stage: stageOption,
    table: tableOption,
    endpoint: endpointOption('dynamodb'),
    region: regionOption,
  },
  examples: [
    'npm run stats -- --force metropolitan --from 2022-11 --to 2024-04 --endpoint http://127.0.0.1:8000',
    'npm run stats -- --force kent --from 2024-01 --to 2024-12 --exact --stage prod',
  ],
});

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

/** The query's problems, as one line in the command's own words (`--from`, not `from`). */
const queryProblems = (problems: readonly { detail: string }[]): string =>
  problems.map(({ detail }) => detail.replace(/^(force|from|to)\b/, '--$1').replace(/ (from|to) \(/g, ' --$1 (')).join('; ');

export const main = (argv: readonly string[]) =>
  runCommand(STATS, argv, async (values, io) => {
    const parsed = parseStatisticsQuery({ force: values.force, from: values.from, to: values.to });
    if (parsed.kind === 'invalid') throw new UsageError(queryProblems(parsed.problems));
    const { force, range } = parsed.query;

    const endpoint = values.endpoint;
    const tableName = values.table ?? resourceNames(values.stage).table;
    const client = new DynamoDBClient(awsClientConfig({ endpoint, region: values.region }));
    try {
      const store = new DynamoStatisticsStore(DynamoDBDocumentClient.from(client), tableName);
      const exact = exactStatistics(force, range, await store.monthlyCounts(force.id, range));
      io.out(renderStatistics(values.exact ? exact : publicStatistics(exact), values.exact ? 'exact' : 'public'));
    } catch (error) {
      throw explainAwsError(error, { where: endpoint ?? 'AWS', doing: `read the statistics from ${tableName}`, table: tableName });
    } finally {
      client.destroy();
    }
  });

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
