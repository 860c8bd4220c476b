/**
 * On a schedule: publishes how long the oldest contact has waited for review, as a CloudWatch
 * metric (embedded metric format), so that an alarm pages when a contact waits too long.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { logger } from '#adapters/logger.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { secondsWaiting } from '#domain/review.ts';

const store = new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME'));
const metrics = new Metrics();

export const OLDEST_AWAITING_REVIEW_METRIC = 'OldestContactAwaitingReviewSeconds';

export const handler = async (): Promise<{ oldestWaitingSeconds: number }> => {
  const { records } = await store.awaitingReview({ limit: 1 });
  const oldestWaitingSeconds = secondsWaiting(records[0], new Date());
  metrics.addMetric(OLDEST_AWAITING_REVIEW_METRIC, MetricUnit.Seconds, oldestWaitingSeconds);
  metrics.publishStoredMetrics();
  logger.info('Review backlog measured', { oldestWaitingSeconds, oldest: records[0]?.reference });
  return { oldestWaitingSeconds };
};
