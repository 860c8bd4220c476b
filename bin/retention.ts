#!/usr/bin/env node
/**
 * `npm run retention -- [--index-existing] [--reseal-legacy] [--now <date>] [--retention <json>] [--stage <stage> | --table <name> --data-keys-table <name>] [--endpoint-dynamodb <url>]`
 *
 * The retention job (functions/domain/retention.ts) run by hand: against the local stack, with a
 * day of one's choosing (`--now`, to see the schedule at work), or against a stage's tables in
 * AWS (`--stage`), as its daily run there does. It ends what the schedule has ended by that day:
 * destroys the data keys of what ends and removes it, and records each kind's ending in the
 * report's audit trail. Safe to run again: what has ended is not ended twice.
 *
 * The schedule is the defaults unless `--retention` gives the JSON the stage was deployed with
 * (`-c retention=…`): give the same, or this ends things on other days than the daily run would.
 * stdout has a line per report and kind ended and a summary; nothing of what was removed.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoFollowUpStore } from '../functions/adapters/follow-up-store.ts';
import { DynamoReportStore } from '../functions/adapters/report-store.ts';
import { DynamoRetentionStore } from '../functions/adapters/retention-store.ts';
import { DataKeyShredder, ShreddableOriginalsVault } from '../functions/adapters/shreddable-vault.ts';
import { applyRetention, resealWithContactApart } from '../functions/domain/retention.ts';
import { DEFAULT_RETENTION } from '../functions/domain/retention-schedule.ts';
import { resourceNames, resourcePrefix, retentionScheduleFrom } from '../lib/stage.ts';
import { awsClientConfig } from './aws-client-config.ts';
import { defineCommand, endpointOption, explainAwsError, isMain, regionOption, runCommand, stageOption, tableOption, UsageError } from './operator-cli.ts';

const day = (text: string): Date => {
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(text) || Number.isNaN(Date.parse(text))) throw new UsageError('must be a date such as 2027-12-03');
  return new Date(text.length === 10 ? `${text}T12:00:00Z` : text);
};

const schedule = (text: string) => {
  try {
    return retentionScheduleFrom(text);
  } catch (error) {
    throw new UsageError(`must be the schedule as JSON: ${(error as Error).message}`);
  }
};

export const RETENTION = defineCommand({
  name: 'retention',
  synopsis: '[--index-existing] [--reseal-legacy [--originals-key <key>] [--endpoint-kms <url>]] [--now <date>] [--retention <json>] [--stage <stage> | --table <name> --data-keys-table <name>] [--endpoint-dynamodb <url>] [--region <region>]',
  summary:
    'Ends what the retention schedule has ended by the day given (today unless --now): destroys the\n' +
    'data keys of what ends and removes it, and says so in each report\'s audit trail. A line per\n' +
    'report and kind ended, and a summary, on stdout. Safe to run again.',
  options: {
    'index-existing': {
      type: 'boolean',
      description: 'first, once after retention is deployed: put the reports settled before into the retention index (scans the table)',
    },
    'reseal-legacy': {
      type: 'boolean',
      description:
        "first, once, with the originals key's break-glass role: seal again, with the contact details apart, every original sealed before retention (needs KMS)",
    },
    'originals-key': { type: 'string', value: '<key>', description: 'the originals key, for --reseal-legacy (default: alias/pac-<stage>-report-originals)' },
    'endpoint-kms': endpointOption('kms'),
    now: { type: 'string', value: '<date>', description: 'the day to apply the schedule as of (default: today), e.g. 2027-12-03', parse: day },
    retention: {
      type: 'string',
      value: '<json>',
      description: 'the schedule, as deployed with -c retention (default: the defaults, 365/365/90 days)',
      parse: schedule,
    },
    stage: stageOption,
    table: tableOption,
    'data-keys-table': { type: 'string', value: '<name>', description: 'the data keys table, named outright (default: pac-<stage>-data-keys)' },
    'endpoint-dynamodb': endpointOption('dynamodb'),
    region: regionOption,
  },
  examples: ['npm run retention -- --now 2027-12-04 --endpoint-dynamodb http://127.0.0.1:8000', 'npm run retention -- --stage prod'],
});

export const main = (argv: readonly string[]) =>
  runCommand(RETENTION, argv, async (values, io) => {
    const names = resourceNames(values.stage);
    const tableName = values.table ?? names.table;
    const keysTable = values['data-keys-table'] ?? names.dataKeysTable;
    const now = values.now ?? new Date();
    const dynamodb = new DynamoDBClient(awsClientConfig({ endpoint: values['endpoint-dynamodb'], region: values.region }));
    const documents = DynamoDBDocumentClient.from(dynamodb);
    const ports = {
      reports: new DynamoReportStore(documents, tableName),
      followUps: new DynamoFollowUpStore(documents, tableName),
      retention: new DynamoRetentionStore(documents, tableName),
      keys: new DataKeyShredder(documents, keysTable),
      clock: () => now,
    };
    if (values['index-existing']) {
      try {
        const { looked, indexed } = await ports.retention.indexExisting((done, seen) => io.err(`${seen} report items looked at, ${done} put into the retention index`));
        io.out(`${indexed} of ${looked} reports not yet in the retention index put into it.`);
      } catch (error) {
        throw explainAwsError(error, { where: values['endpoint-dynamodb'] ?? 'AWS', doing: 'index the existing reports', table: tableName });
      }
    }
    if (values['reseal-legacy']) {
      const kms = new KMSClient(awsClientConfig({ endpoint: values['endpoint-kms'], region: values.region }));
      const keyId = values['originals-key'] ?? `alias/${resourcePrefix(values.stage)}-report-originals`;
      const vault = new ShreddableOriginalsVault(kms, keyId, documents, keysTable);
      try {
        const resealed = await ports.retention.resealLegacyOriginals(
          (sealedFor, sealed, keepContactDetails) => resealWithContactApart(vault, sealedFor, sealed, keepContactDetails),
          async (reference, sealed) => vault.seal(reference, await vault.open(reference, sealed)),
          (done) => io.err(`${done} originals and answers sealed again so far`),
        );
        io.out(`${resealed} originals and answers sealed before retention sealed again, under keys of their own, contact details apart.`);
      } catch (error) {
        throw explainAwsError(error, { where: `${values['endpoint-dynamodb'] ?? 'AWS'} and ${values['endpoint-kms'] ?? 'AWS'} (KMS)`, doing: 'seal the earlier originals again', table: tableName });
      } finally {
        kms.destroy();
      }
    }
    io.err(`Applying the retention schedule as of ${now.toISOString().slice(0, 10)} to ${tableName} (data keys in ${keysTable})…`);
    try {
      const outcome = await applyRetention(ports, values.retention ?? DEFAULT_RETENTION, now);
      for (const { reference, kind } of outcome.ended) io.out(`${reference}  ${kind} ended`);
      for (const { reference, error } of outcome.failed) io.out(`${reference}  failed (${error instanceof Error ? error.name : typeof error}); the next run tries again`);
      io.out(`${outcome.looked} looked at, ${outcome.ended.length} ended, ${outcome.failed.length} failed.`);
      if (outcome.failed.length > 0) process.exitCode = 1;
    } catch (error) {
      throw explainAwsError(error, { where: values['endpoint-dynamodb'] ?? 'AWS', doing: 'apply the retention schedule', table: tableName });
    } finally {
      dynamodb.destroy();
    }
  });

if (isMain(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
