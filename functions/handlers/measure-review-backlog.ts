/**
 * On a schedule: publishes how long the oldest contact has waited for review, as a CloudWatch
 * metric (embedded metric format), so that an alarm pages when a contact waits too long.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { clock, reportStore, portsFor } from '#adapters/composition-root.ts';
import { logger } from '#adapters/logger.ts';
import { secondsWaiting } from '#domain/review.ts';

const backlogPorts = portsFor({ reports: reportStore, clock });
const metrics = new Metrics();

export const OLDEST_AWAITING_REVIEW_METRIC = 'OldestContactAwaitingReviewSeconds';

export const handler = async (): Promise<{ oldestWaitingSeconds: number }> => {
  const { reports, clock } = backlogPorts();
  const oldest = await reports.oldestAwaitingReview();
  const oldestWaitingSeconds = secondsWaiting(oldest, clock());
  metrics.addMetric(OLDEST_AWAITING_REVIEW_METRIC, MetricUnit.Seconds, oldestWaitingSeconds);
  metrics.publishStoredMetrics();
  logger.info('Review backlog measured', { oldestWaitingSeconds, oldest: oldest?.reference });
  return { oldestWaitingSeconds };
};
