/**
 * GET /queue on the staff console: what waits at each stage and for how long, with the oldest
 * contact's wait measured exactly as the review-backlog alarm measures it (measure-review-backlog.ts),
 * and the contacts awaiting review, oldest first.
 */
import { clock, followUpStore, portsFor, reportStore, reviewAlarmAfterSeconds } from '#adapters/composition-root.ts';
import { consolePageAnswer, consoleScreen } from '#adapters/console-http.ts';
import { reviewStageOf, stageFigures } from '#domain/contact-centre-queue.ts';
import { forceById } from '#domain/forces.ts';
import { TRIAGE } from '#domain/entities/routing-decision.ts';
import type { ReportRecord } from '#domain/entities/report-record.ts';
import { secondsWaiting } from '#domain/review.ts';
import { queuePage } from '#pages/console/queue-page.ts';

const queuePorts = portsFor({ reports: reportStore, followUps: followUpStore, clock, alarmAfter: reviewAlarmAfterSeconds });
/** Contacts counted and listed at most: ten pages of the store's. */
const PAGE = 100;
const MOST = 1_000;
const FOLLOW_UPS = 100;

const awaitingReview = async (reports: ReturnType<typeof queuePorts>['reports']): Promise<{ records: ReportRecord[]; more: boolean }> => {
  const records: ReportRecord[] = [];
  let after: string | undefined;
  do {
    const page = await reports.awaitingReview({ limit: PAGE, ...(after === undefined ? {} : { after }) });
    records.push(...page.records);
    after = page.next;
  } while (after !== undefined && records.length < MOST);
  return { records, more: after !== undefined };
};

export const handler = consoleScreen(['analysts', 'supervisors'], 'The queue is for analysts and supervisors.', async (_event, { person }) => {
  const { reports, followUps, clock, alarmAfter } = queuePorts();
  const [{ records, more }, oldest, questions, answers] = await Promise.all([
    awaitingReview(reports),
    reports.oldestAwaitingReview(),
    followUps.questionsAwaitingRelay(FOLLOW_UPS),
    followUps.answersAwaitingReview(FOLLOW_UPS),
  ]);
  const now = clock();
  return consolePageAnswer(
    200,
    queuePage({
      person,
      stages: stageFigures(records, questions, answers, now),
      oldestWaitingSeconds: secondsWaiting(oldest, now),
      alarmAfterSeconds: alarmAfter,
      contacts: records.map((record) => ({
        reference: record.reference,
        channel: record.channel,
        waitedSeconds: secondsWaiting(record, now),
        proposedForce: record.routing.destination === TRIAGE ? 'Triage' : (forceById(record.routing.destination)?.name ?? record.routing.destination),
        why: record.routing.reason,
        stage: reviewStageOf(record),
        flaggedDetails: record.flaggedDetails,
      })),
      more,
    }),
  );
});
