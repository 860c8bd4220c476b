/**
 * Once a day (lib/constructs/retention-job.ts): ends what the retention schedule has ended
 * (functions/domain/retention.ts), each kind on its day, and logs how many of each, never what.
 * A report that failed is named with its error's name only; the next run tries it again. A run
 * in which any report failed fails, so that the operator is paged.
 */
import { clock, keyShredder, followUpStore, portsFor, reportStore, retentionSchedule, retentionStore } from '#adapters/composition-root.ts';
import { logger } from '#adapters/logger.ts';
import { applyRetention } from '#domain/retention.ts';

const retentionPorts = portsFor({ reports: reportStore, followUps: followUpStore, retention: retentionStore, keys: keyShredder, clock, schedule: retentionSchedule });

export const handler = async (): Promise<{ looked: number; keepingInContactEnded: number; originalsEnded: number; failed: number }> => {
  const { schedule, ...ports } = retentionPorts();
  const outcome = await applyRetention(ports, schedule);
  for (const { reference, error } of outcome.failed) {
    // The error's name only: a message could quote what was being removed.
    logger.error('Could not end what the retention schedule ended; the next run tries again', {
      reference,
      errorName: error instanceof Error ? error.name : typeof error,
    });
  }
  const summary = {
    looked: outcome.looked,
    keepingInContactEnded: outcome.ended.filter((e) => e.kind === 'keeping-in-contact').length,
    originalsEnded: outcome.ended.filter((e) => e.kind === 'original').length,
    failed: outcome.failed.length,
  };
  logger.info('Retention schedule applied', summary);
  if (summary.failed > 0) throw new Error(`${summary.failed} reports could not be ended under the retention schedule`);
  return summary;
};
