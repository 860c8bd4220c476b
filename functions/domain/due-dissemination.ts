/**
 * Nothing stalls silently. A step that reaches a force (an approval, a transfer, a release, an
 * answer's approval) records its decision and then sends; if the send
 * fails and nobody repeats the step, the report (or answer) would sit recorded but unsent. Every
 * such one is findable (the stores keep it in a sparse "due" index from the change that makes it
 * due until the change that records it sent), and this use case, run on a schedule, sends what
 * has been due for longer than a step takes, with the same code and so the same message ids as
 * the step: a repeat is dropped by the queue and by the force. Routing without review sends first
 * and records after (dissemination.ts routeContact): a contact whose send or record failed stays on
 * the intake queue, which delivers it again, and after its last try on the intake DLQ, which alarms.
 * A report recorded before it was sent (a contact whose original an earlier delivery kept for
 * review) is due here like any other.
 */
import { disseminate, type DisseminationPorts } from './dissemination.ts';
import { disseminateAnswer } from './follow-up.ts';
import type { DuePage, FollowUpStore } from './ports.ts';
import type { Reference } from './reference.ts';
import { isDueForNotification } from './report-record.ts';

/**
 * How long a step has to finish its own sending before the sweeper takes over: longer than any
 * function that takes such a step may run (the router's 30 s), so that the sweeper finishes
 * stalled steps and does not race live ones (a race would be harmless, only wasteful).
 */
export const SETTLING_TIME_MS = 2 * 60_000;

/** How many due items are read at a time. */
const PAGE = 25;

export interface DueDisseminationPorts extends DisseminationPorts {
  readonly followUps: Pick<FollowUpStore, 'findQuestion' | 'recordAnswerChange' | 'answersAbout' | 'findAnswer' | 'answersDue'>;
}

/** Something due that could not be sent this time: it stays due, and is tried again next time. */
export interface StillUnsent {
  readonly kind: 'report' | 'answer';
  readonly reference: Reference;
  readonly answerId?: string;
  /** When it became due (exact time; for operators, never for a force). */
  readonly dueSince: string;
  readonly error: unknown;
}

export interface DueDisseminated {
  /** Reports, answers and information sent. */
  readonly sent: number;
  /** Approved answers and information that no force has the report for yet: they go with the report. */
  readonly waitingForTheirReport: number;
  readonly unsent: readonly StillUnsent[];
  /** How long the longest-due of the unsent has been due, in whole seconds; 0 when everything due was sent. */
  readonly oldestUnsentSeconds: number;
}

/** Every page of a due partition, oldest first. */
async function* pages<T>(read: (page: DuePage) => Promise<{ items: T[]; next?: string }>, dueBefore: Date): AsyncGenerator<T> {
  let after: string | undefined;
  do {
    const page = await read({ dueBefore, limit: PAGE, ...(after === undefined ? {} : { after }) });
    yield* page.items;
    after = page.next;
  } while (after !== undefined);
}

/**
 * Sends every report and approved answer that has been due for longer than the settling time.
 * Each is read again (the index may lag) and sent only if it is still due. One that fails is left
 * due and reported, and the rest are still sent; a failure to read the due index fails the whole.
 */
export const disseminateWhatIsDue = async (ports: DueDisseminationPorts, settlingTimeMs = SETTLING_TIME_MS): Promise<DueDisseminated> => {
  const now = ports.clock();
  const dueBefore = new Date(now.getTime() - settlingTimeMs);
  let sent = 0;
  let waitingForTheirReport = 0;
  const unsent: StillUnsent[] = [];

  const reports = pages(async (page) => {
    const { records, next } = await ports.store.dueForNotification(page);
    return { items: records, ...(next === undefined ? {} : { next }) };
  }, dueBefore);
  for await (const listed of reports) {
    try {
      const current = await ports.store.find(listed.reference);
      if (current === undefined || !isDueForNotification(current)) continue;
      await disseminate(ports, current);
      sent += 1;
    } catch (error) {
      unsent.push({ kind: 'report', reference: listed.reference, dueSince: listed.dueSince, error });
    }
  }

  const answers = pages(async (page) => {
    const { answers: items, next } = await ports.followUps.answersDue(page);
    return { items, ...(next === undefined ? {} : { next }) };
  }, dueBefore);
  for await (const listed of answers) {
    try {
      const current = await ports.followUps.findAnswer(listed.reference, listed.id);
      if (current?.status !== 'approved') continue;
      const after = await disseminateAnswer({ ...ports, reports: ports.store }, current);
      if (after.status === 'approved') waitingForTheirReport += 1;
      else sent += 1;
    } catch (error) {
      unsent.push({ kind: 'answer', reference: listed.reference, answerId: listed.id, dueSince: listed.dueSince, error });
    }
  }

  const oldest = unsent.reduce<string | undefined>((min, item) => (min === undefined || item.dueSince < min ? item.dueSince : min), undefined);
  const oldestUnsentSeconds = oldest === undefined ? 0 : Math.max(0, Math.floor((now.getTime() - Date.parse(oldest)) / 1000));
  return { sent, waitingForTheirReport, unsent, oldestUnsentSeconds };
};

