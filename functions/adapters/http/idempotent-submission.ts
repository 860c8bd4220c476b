/**
 * Idempotent submission: a reporter who double-clicks, or whose connection drops and who sends
 * again, gets the report taken in once. The form sends an `Idempotency-Key` header; the same key
 * with the same report within 24 hours answers with the same reference, and the same key with a
 * different report is refused (422). Without the header every request is a new report.
 *
 * Powertools' idempotency utility keeps the records in the report table, under one partition
 * (`PK = IDEMPOTENCY`, `SK` = a hash of the key): the only items the submit function may read. A
 * record holds the key's hash, the report's hash and the answer (the reference), nothing else.
 */
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { MiddlewareObj } from '@middy/core';
import { requiredEnvironment } from '../environment.ts';

export const IDEMPOTENCY_PARTITION = 'IDEMPOTENCY';
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

export const idempotentSubmission = <Event>(): MiddlewareObj<Event> =>
  makeHandlerIdempotent({
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: requiredEnvironment('TABLE_NAME'),
      keyAttr: 'PK',
      sortKeyAttr: 'SK',
      staticPkValue: IDEMPOTENCY_PARTITION,
    }),
    config: new IdempotencyConfig({
      eventKeyJmesPath: 'headers."idempotency-key"',
      payloadValidationJmesPath: 'body',
      expiresAfterSeconds: IDEMPOTENCY_WINDOW_SECONDS,
      throwOnNoIdempotencyKey: false,
    }),
  }) as unknown as MiddlewareObj<Event>;
