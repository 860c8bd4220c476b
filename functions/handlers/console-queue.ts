/**
 * GET /queue on the staff console: what waits at each stage and for how long, with the oldest
 * contact's wait measured exactly as the review-backlog alarm measures it (measure-review-backlog.ts),
 * and the contacts awaiting review, oldest first.
 */
import { proposedForceName } from '#pages/console/words.ts';
import { clock, followUpStore, portsFor, reportStore, reviewAlarmAfterSeconds } from '#adapters/composition-root.ts';
import { consolePageAnswer, consoleScreen } from '#adapters/console-http.ts';
import { contactsAwaitingReview, reviewStageOf, stageFigures } from '#domain/contact-centre-queue.ts';
import { secondsWaiting } from '#domain/review.ts';
import { queuePage } from '#pages/console/queue-page.ts';

const queuePorts = portsFor({ reports: reportStore, followUps: followUpStore, clock, alarmAfter: reviewAlarmAfterSeconds });
/** Questions and answers counted at most. */
const FOLLOW_UPS = 100;

export const handler = consoleScreen(['analysts', 'supervisors'], 'The queue is for analysts and supervisors.', async (_event, { person }) => {
  const { reports, followUps, clock, alarmAfter } = queuePorts();
  const [{ records, more }, oldest, questions, answers] = await Promise.all([
    contactsAwaitingReview(reports),
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
        proposedForce: proposedForceName(record.routing.destination),
        why: record.routing.reason,
        stage: reviewStageOf(record),
        flaggedDetails: record.flaggedDetails,
      })),
      more,
    }),
  );
});
