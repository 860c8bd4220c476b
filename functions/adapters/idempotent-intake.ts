/**
 * Idempotent intake: a reporter who double-clicks, or whose connection drops and who sends again,
 * gets the report taken in once. The API takes the key from an `Idempotency-Key` header, the web
 * form from a hidden field it was given with the form; the same key with the same report within 24
 * hours answers with the same reference, and the same key with a different report is refused
 * (IdempotencyValidationError, 422). Without a key every request is a new report. A request that
 * arrives while the first with its key is still being taken in waits for it.
 *
 * Powertools' idempotency utility keeps the records in the report table, under one partition
 * (`PK = IDEMPOTENCY`, `SK` = a hash of the key): the only items the taking function may read. A
 * record holds the key's hash, the report's hash and the reference, nothing else: never the
 * follow-up code, which is issued afresh after it (see reporter-follow-up.ts).
 */
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dynamoDbClient } from './dynamodb-client.ts';
import type { Context } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Reference } from '#domain/reference.ts';
import type { ReportSubmission } from '#domain/report.ts';
import { perFunction } from '../configuration/function-environment.ts';
import { readSettings } from '../configuration/settings.ts';
import { IDEMPOTENCY_PARTITION } from '../configuration/stack-names.ts';

export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

export interface IntakeRequest {
  readonly idempotencyKey?: string | undefined;
  readonly report: ReportSubmission;
  /** The member of staff taking it by phone (not part of what a repeat must match). */
  readonly takenBy?: string;
}

/** How long a repeat waits for the first request with its key to finish. */
const IN_PROGRESS_WAITS = [100, 200, 400, 800, 1_600];

const idempotently = (tableName: string, take: (report: ReportSubmission, takenBy?: string) => Promise<Reference>) => {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'idempotencyKey',
    payloadValidationJmesPath: 'report',
    expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS,
    throwOnNoIdempotencyKey: false,
  });
  const once = makeIdempotent(async (request: IntakeRequest) => ({ reference: await take(request.report, request.takenBy) }), {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName,
      keyAttr: 'PK',
      sortKeyAttr: 'SK',
      staticPkValue: IDEMPOTENCY_PARTITION,
      awsSdkV3Client: dynamoDbClient(),
    }),
    config,
  });
  return { config, once };
};

export const idempotentIntake = (take: (report: ReportSubmission, takenBy?: string) => Promise<Reference>) => {
  // Built at the first request, from the function's own table setting, and kept.
  const intake = perFunction((environment) => idempotently(readSettings(environment, ['tableName']).tableName, take));
  return async (request: IntakeRequest, context: Context): Promise<{ reference: Reference }> => {
    const { config, once } = intake();
    // Lets a record left in progress by an invocation that died expire with that invocation.
    config.registerLambdaContext(context);
    for (let waited = 0; ; waited++) {
      try {
        return await once(request);
      } catch (error) {
        const wait = IN_PROGRESS_WAITS[waited];
        if (wait === undefined || !(error instanceof Error) || error.name !== 'IdempotencyAlreadyInProgressError') throw error;
        await sleep(wait);
      }
    }
  };
};
