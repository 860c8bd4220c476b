#!/usr/bin/env node
/**
 * `npm run release-held -- [--stage prod] [--endpoint-dynamodb URL --endpoint-sqs URL] [--dry-run]`
 *
 * The operator command that releases reports held in triage because their force had not joined
 * the service yet: each one whose force has joined by today is routed to it and disseminated on
 * its queue. Reports still waiting are listed and left alone. Safe to run again: a report is
 * released once, and its notification carries the usual deduplication id.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoFollowUpStore } from '../functions/adapters/follow-up-store.ts';
import { SqsForceQueues } from '../functions/adapters/queues.ts';
import { DynamoReportStore } from '../functions/adapters/report-store.ts';
import { disseminate } from '../functions/domain/dissemination.ts';
import { releaseToJoinedForce } from '../functions/domain/force-work.ts';
import { TRIAGE } from '../functions/domain/entities/routing-decision.ts';
import { awsClientConfig } from './aws-client-config.ts';

const { values } = parseArgs({
  options: {
    stage: { type: 'string', default: 'local' },
    'endpoint-dynamodb': { type: 'string' },
    'endpoint-sqs': { type: 'string' },
    region: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    operator: { type: 'string', default: process.env.USER ?? 'operator' },
  },
});

const config = (endpoint: string | undefined) => awsClientConfig({ endpoint, region: values.region });
const prefix = `pac-${values.stage}`;
const store = new DynamoReportStore(DynamoDBDocumentClient.from(new DynamoDBClient(config(values['endpoint-dynamodb']))), `${prefix}-reports`);
const ports = { store, followUps: new DynamoFollowUpStore(store.client, `${prefix}-reports`), forceQueues: new SqsForceQueues(new SQSClient(config(values['endpoint-sqs'])), `${prefix}-reports-{destination}.fifo`), clock: () => new Date() };

let released = 0;
let waiting = 0;
let after: string | undefined;
do {
  const page = await store.withDestination(TRIAGE, { limit: 100, status: 'in_triage', ...(after === undefined ? {} : { after }) });
  for (const record of page.records) {
    if (record.routing.rule !== 'not-yet-joined') continue;
    const change = releaseToJoinedForce(record, `operator:${values.operator}`, new Date());
    if (change === undefined) {
      waiting++;
      console.log(`${record.reference}  still waiting for ${record.routing.candidates.join(', ')}`);
      continue;
    }
    if (values['dry-run']) {
      console.log(`${record.reference}  would be released to ${change.record.routing.destination}`);
      continue;
    }
    await store.recordChange(record, change.record, change.event, change.counters);
    await disseminate(ports, change.record);
    released++;
    console.log(`${record.reference}  released to ${change.record.routing.destination}`);
  }
  after = page.next;
} while (after !== undefined);
console.log(`${values['dry-run'] ? 'Dry run: ' : ''}${released} released, ${waiting} still waiting.`);
