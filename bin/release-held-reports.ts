#!/usr/bin/env node
/**
 * `npm run release-held -- [--stage prod] [--endpoint-dynamodb URL --endpoint-sqs URL] [--dry-run]`
 *
 * The operator command that releases reports held in triage because their force had not joined
 * the service yet: each one whose force has joined by today is routed to it and disseminated on
 * its queue. Reports still waiting are listed and left alone. Safe to run again: a report is
 * released once, and its notification carries the usual deduplication id.
 *
 * stdout has a line per held report and a summary, as scripts read them; progress (a line per
 * page of reports in triage) goes to stderr. Table and queue names come from lib/stage.ts;
 * options, errors and exit codes are every operator command's (bin/operator-cli.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoFollowUpStore } from '../functions/adapters/follow-up-store.ts';
import { SqsForceQueues } from '../functions/adapters/queues.ts';
import { DynamoReportStore } from '../functions/adapters/report-store.ts';
import { releaseHeld } from '../functions/domain/disseminating-steps.ts';
import { releaseToJoinedForce } from '../functions/domain/force-work.ts';
import { TRIAGE } from '../functions/domain/entities/routing-decision.ts';
import { resourceNames } from '../lib/stage.ts';
import { awsClientConfig } from './aws-client-config.ts';
import { counted, defineCommand, endpointOption, explainAwsError, isMain, regionOption, runCommand, stageOption, tableOption } from './operator-cli.ts';

export const RELEASE_HELD = defineCommand({
  name: 'release-held',
  synopsis:
    '[--dry-run] [--operator <name>] [--stage <stage> | --table <name>] [--endpoint-dynamodb <url> --endpoint-sqs <url>] [--region <region>]',
  summary:
    'Releases the reports held in triage because their force had not joined the service: each one\n' +
    "whose force has joined by today goes to that force's queue. A line per held report and a\n" +
    'summary on stdout; a line per page of reports in triage on stderr. Safe to run again.',
  options: {
    'dry-run': { type: 'boolean', description: 'list what would be released, and release nothing' },
    operator: {
      type: 'string',
      value: '<name>',
      description: 'who is releasing them, for the audit trail (default: $USER, else operator)',
      env: 'USER',
      default: 'operator',
    },
    stage: stageOption,
    table: tableOption,
    'endpoint-dynamodb': endpointOption('dynamodb'),
    'endpoint-sqs': endpointOption('sqs'),
    region: regionOption,
  },
  examples: [
    'npm run release-held -- --stage prod --dry-run',
    'npm run release-held -- --endpoint-dynamodb http://127.0.0.1:8000 --endpoint-sqs http://127.0.0.1:4566',
  ],
});

/** How many reports in triage one page holds: a progress line each. */
const PAGE_SIZE = 100;

export const main = (argv: readonly string[]) =>
  runCommand(RELEASE_HELD, argv, async (values, io) => {
    const names = resourceNames(values.stage);
    const tableName = values.table ?? names.table;
    const dryRun = values['dry-run'];
    const by = `operator:${values.operator}`;
    const config = (endpoint: string | undefined) => awsClientConfig({ endpoint, region: values.region });
    const dynamodb = new DynamoDBClient(config(values['endpoint-dynamodb']));
    const sqs = new SQSClient(config(values['endpoint-sqs']));
    const store = new DynamoReportStore(DynamoDBDocumentClient.from(dynamodb), tableName);
    const ports = {
      store,
      followUps: new DynamoFollowUpStore(store.client, tableName),
      forceQueues: new SqsForceQueues(sqs, names.reportQueueTemplate),
      clock: () => new Date(),
    };
    const where = `${values['endpoint-dynamodb'] ?? 'AWS'} (DynamoDB) and ${values['endpoint-sqs'] ?? 'AWS'} (SQS)`;

    let released = 0;
    let waiting = 0;
    let looked = 0;
    let after: string | undefined;
    io.err(`${dryRun ? 'Looking at' : 'Releasing'} the reports held in triage in ${tableName}…`);
    try {
      for (let page = 1; ; page++) {
        const found = await store.withDestination(TRIAGE, { limit: PAGE_SIZE, status: 'in_triage', ...(after === undefined ? {} : { after }) });
        for (const listed of found.records) {
          looked++;
          // The index holds only what a force's list shows: the report itself, read afresh.
          const record = await store.find(listed.reference);
          if (record?.status !== 'in_triage' || record.routing.rule !== 'not-yet-joined') continue;
          const destination = releaseToJoinedForce(record, by, new Date())?.record.routing.destination;
          if (destination === undefined) {
            waiting++;
            io.out(`${record.reference}  still waiting for ${record.routing.candidates.join(', ')}`);
            continue;
          }
          if (dryRun) {
            io.out(`${record.reference}  would be released to ${destination}`);
            continue;
          }
          const releasedRecord = await releaseHeld(ports, record, by);
          if (releasedRecord === undefined) continue;
          released++;
          io.out(`${record.reference}  released to ${releasedRecord.routing.destination}`);
        }
        io.err(`page ${page}: ${counted(looked, 'report')} in triage looked at; ${released} released, ${waiting} still waiting`);
        after = found.next;
        if (after === undefined) break;
      }
    } catch (error) {
      throw explainAwsError(error, {
        where,
        doing: `release the held reports (${released} released before this)`,
        table: tableName,
        queue: names.reportQueueTemplate,
      });
    } finally {
      dynamodb.destroy();
      sqs.destroy();
    }
    io.out(`${dryRun ? 'Dry run: ' : ''}${released} released, ${waiting} still waiting.`);
  });

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
