/**
 * On a schedule (every minute): sends every report, answer and piece of added information that a
 * step recorded as due for a force but did not finish sending (an approval, a transfer, a release,
 * an answer's approval whose send failed), with the same message ids the step would have used, and
 * publishes how long the longest-due of those it still could not send has waited, as a CloudWatch
 * metric (embedded metric format), so that an alarm pages when anything waits too long.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { clock, followUpStore, forceQueues, reportStore, portsFor } from '#adapters/composition-root.ts';
import { logger } from '#adapters/logger.ts';
import { disseminateWhatIsDue } from '#domain/due-dissemination.ts';

const sweepPorts = portsFor({ store: reportStore, followUps: followUpStore, forceQueues, clock });
const metrics = new Metrics();

/** Must match the metric lib/constructs/dissemination-sweeper.ts alarms on. */
export const OLDEST_UNSENT_METRIC = 'OldestDueUnsentSeconds';

export const handler = async (): Promise<{ sent: number; unsent: number; waitingForTheirReport: number; oldestUnsentSeconds: number }> => {
  const outcome = await disseminateWhatIsDue(sweepPorts());
  for (const item of outcome.unsent) {
    // The error's name only, as the router logs it: a message could quote what was being sent.
    logger.error('Due for a force and still not sent; the next sweep tries again', {
      kind: item.kind,
      reference: item.reference,
      ...(item.answerId === undefined ? {} : { answerId: item.answerId }),
      dueSince: item.dueSince,
      errorName: item.error instanceof Error ? item.error.name : typeof item.error,
    });
  }
  metrics.addMetric(OLDEST_UNSENT_METRIC, MetricUnit.Seconds, outcome.oldestUnsentSeconds);
  metrics.publishStoredMetrics();
  const summary = {
    sent: outcome.sent,
    unsent: outcome.unsent.length,
    waitingForTheirReport: outcome.waitingForTheirReport,
    oldestUnsentSeconds: outcome.oldestUnsentSeconds,
  };
  if (summary.sent > 0 || summary.unsent > 0) logger.info('Sent what was due', summary);
  return summary;
};
