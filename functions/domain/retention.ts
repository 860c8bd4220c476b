/**
 * The retention job: ends what the schedule (retention-schedule.ts) says has ended, each kind on its
 * day and not before, and says so in the report's audit trail without what it removed.
 *
 * - **keeping in contact** ends: the keys of the reporter's contact details and of their answers
 *   and added information are destroyed (so every copy of them, a backup's too, opens nothing),
 *   then the sealed contact details, the follow-up code hashes (the code stops working) and the
 *   questions and answers are removed;
 * - **the original** ends: every key of the report is destroyed, then the original's item removed.
 *
 * A report split from a contact shares the contact's original, contact details and code: those
 * end when every part's day has come (reportRetentionDates), on the contact, once its last part's
 * keeping in contact has ended. Each part's own questions and answers end with the part.
 *
 * The report's record, its trail and the statistics counters are kept: nothing here moves a
 * counter. Each step is harmless to repeat: the removals first (removing what is gone is nothing),
 * then one write that records what ended with its events, conditional on the version read; a run
 * that stops part-way is finished by the next. A report whose record changed meanwhile is left
 * for the next run.
 */
import { auditEvent, type AuditEvent } from './audit.ts';
import type { ReportRecord, RetentionRecord } from './entities/report-record.ts';
import type { FollowUpStore, KeyShredder, OriginalsVault, ReportStore, RetentionStage, RetentionStore } from './ports.ts';
import type { SealedOriginal, SealedReport } from './entities/sealed-original.ts';
import { reportSubmissionSchema, separateContactDetails } from './report.ts';
import type { Reference } from './reference.ts';
import { DAY_MS, dateOfDay, decidingParts, exchangeTimesOf, hasCome, reportRetentionDates, retentionFacts, type RetentionDates, type RetentionSchedule } from './retention-schedule.ts';

export interface RetentionPorts {
  readonly reports: Pick<ReportStore, 'find'>;
  readonly followUps: Pick<FollowUpStore, 'questionsAbout' | 'answersAbout'>;
  readonly retention: RetentionStore;
  readonly keys: KeyShredder;
  readonly clock: () => Date;
}

/** The kinds of data the schedule ends, as the audit trail names them. */
export type EndedKind = 'keeping-in-contact' | 'original';

export interface RetentionOutcome {
  /** Reports the index listed and the job read. */
  readonly looked: number;
  /** What ended, by report: the kind, never the data. */
  readonly ended: readonly { readonly reference: Reference; readonly kind: EndedKind }[];
  /** Reports that failed (the next run tries again): which, and the error. */
  readonly failed: readonly { readonly reference: Reference; readonly error: unknown }[];
}

/** The audit event of a kind's ending: what ended and the day the schedule gave it. */
export const RETENTION_EVENT = 'retention_ended';

const dayOf = (at: Date): number => Math.floor(at.getTime() / DAY_MS);

/** How many references one index page holds. */
const PAGE = 100;

/** The questions and answers about a report: their ids (to remove them) and their times (exchangeTimesOf, which the holdings report counts by too). */
interface Exchanges {
  readonly times: string[];
  readonly questionIds: string[];
  readonly answerIds: string[];
}
const exchangeTimes = async (ports: Pick<RetentionPorts, 'followUps'>, reference: Reference): Promise<Exchanges> => {
  const [questions, answers] = await Promise.all([ports.followUps.questionsAbout(reference), ports.followUps.answersAbout(reference)]);
  return { times: exchangeTimesOf(questions, answers), questionIds: questions.map((q) => q.id), answerIds: answers.map((a) => a.id) };
};

/**
 * A report's days (reportRetentionDates, as the holdings report counts them): read first are its
 * exchanges and, for a split contact, its parts' records (a part split again, its own parts) and
 * theirs.
 */
const datesOf = async (ports: RetentionPorts, record: ReportRecord, schedule: RetentionSchedule): Promise<{ dates: RetentionDates | undefined; exchanges: Map<string, Exchanges> }> => {
  const records = new Map<string, ReportRecord | undefined>([[record.reference, record]]);
  const exchanges = new Map<string, Exchanges>();
  const lookup = { record: (reference: string) => records.get(reference), exchangeTimes: (reference: string) => exchanges.get(reference)?.times ?? [] };
  // The parts are read level by level: a part split again names its own parts only once read.
  for (let unread = record.status === 'split' ? [...(record.review?.split?.into ?? [])] : []; unread.length > 0; ) {
    await Promise.all(unread.map(async (reference) => records.set(reference, await ports.reports.find(reference as Reference))));
    unread = unread.flatMap((reference) => {
      const part = records.get(reference);
      return part?.status === 'split' ? (part.review?.split?.into ?? []).filter((next) => !records.has(next)) : [];
    });
  }
  const deciding = record.status === 'split' ? decidingParts(record, lookup).filter((part) => part !== undefined) : [record];
  await Promise.all(deciding.map(async (report) => exchanges.set(report.reference, await exchangeTimes(ports, report.reference as Reference))));
  return { dates: reportRetentionDates(record, lookup, schedule), exchanges };
};

/**
 * Ends keeping in contact, the original or both: keys first (every key of the report when the
 * original ends, once), so that nothing removed after could be opened from a copy. The report's
 * exchanges are those read for its dates, when they were (a split contact's are read here).
 */
const end = async (ports: RetentionPorts, reference: Reference, kinds: readonly EndedKind[], read: Exchanges | undefined): Promise<void> => {
  await (kinds.includes('original') ? ports.keys.destroyAllKeys(reference) : ports.keys.destroyKeepingInContactKeys(reference));
  if (kinds.includes('keeping-in-contact')) {
    const { questionIds, answerIds } = read ?? (await exchangeTimes(ports, reference));
    await ports.retention.removeContactDetails(reference);
    await ports.retention.removeFollowUpCodes(reference);
    await ports.retention.removeFollowUps(reference, questionIds, answerIds);
  }
  if (kinds.includes('original')) await ports.retention.removeOriginal(reference);
};

/**
 * Ends what is due of one report (or split contact), records it, and returns what ended. A
 * report not yet due whose keeping in contact is counted from a later exchange than the index
 * knows is recorded with that day, so that the index lists it again only when it may be due.
 */
export const endWhatIsDue = async (ports: RetentionPorts, reference: Reference, schedule: RetentionSchedule, now: Date): Promise<EndedKind[]> => {
  const record = await ports.reports.find(reference);
  if (record === undefined) return [];
  const { dates, exchanges } = await datesOf(ports, record, schedule);
  if (dates === undefined) return [];
  const marks: RetentionRecord = record.retention ?? {};
  const ended: EndedKind[] = [];
  let next: RetentionRecord = marks;
  if (marks.keepingInContactEnded === undefined) {
    if (!hasCome(dates.keepingInContactEnds, now)) {
      const countFrom = dateOfDay(Date.parse(dates.keepingInContactEnds) / DAY_MS - (record.status === 'closed' ? schedule.closedWithoutDisseminationDays : schedule.keepingInContactDays));
      if (record.status !== 'split' && countFrom !== marks.countFrom && countFrom > (retentionFacts(record).settledAt ?? '').slice(0, 10)) {
        await ports.retention.recordRetention(record, { ...record, retention: { ...marks, countFrom }, version: record.version + 1 }, []);
      }
      return [];
    }
    next = { ...next, keepingInContactEnded: dates.keepingInContactEnds };
    ended.push('keeping-in-contact');
  }
  if (marks.originalEnded === undefined && hasCome(dates.originalEnds, now)) {
    next = { ...next, originalEnded: dates.originalEnds };
    ended.push('original');
  }
  if (ended.length === 0) return [];
  await end(ports, reference, ended, exchanges.get(reference));
  const events: AuditEvent[] = ended.map((kind) =>
    auditEvent(RETENTION_EVENT, now, { ended: kind, dueOn: kind === 'original' ? dates.originalEnds : dates.keepingInContactEnds }),
  );
  // A record from before originals had their own item holds its sealed original itself: it goes with the original.
  const { original: _legacy, ...withoutOriginal } = record;
  const after: ReportRecord = { ...(next.originalEnded === undefined ? record : withoutOriginal), retention: next, version: record.version + 1 };
  await ports.retention.recordRetention(record, after, events);
  // A part split from a contact: the contact's shared data ends once every part's has.
  if (record.splitFrom !== undefined && ended.includes('keeping-in-contact')) await endWhatIsDue(ports, record.splitFrom, schedule, now);
  return ended;
};

/** The day on or before which a report's count must start for a stage to be due today at the earliest. */
const STAGE_DAYS: Readonly<Record<RetentionStage, keyof RetentionSchedule>> = {
  closed: 'closedWithoutDisseminationDays',
  'keeping-in-contact': 'keepingInContactDays',
  original: 'originalDays',
};
const countedFromBy = (stage: RetentionStage, schedule: RetentionSchedule, now: Date): string => dateOfDay(dayOf(now) - schedule[STAGE_DAYS[stage]]);

/** Ends everything due by `now` (its UTC day): what the retention index lists at each stage, read afresh. */
export const applyRetention = async (ports: RetentionPorts, schedule: RetentionSchedule, now: Date = ports.clock()): Promise<RetentionOutcome> => {
  let looked = 0;
  const ended: { reference: Reference; kind: EndedKind }[] = [];
  const failed: { reference: Reference; error: unknown }[] = [];
  for (const stage of ['closed', 'keeping-in-contact', 'original'] as const) {
    const onOrBefore = countedFromBy(stage, schedule, now);
    let after: string | undefined;
    do {
      const page = await ports.retention.atRetentionStage(stage, onOrBefore, { limit: PAGE, ...(after === undefined ? {} : { after }) });
      for (const reference of page.references) {
        looked++;
        try {
          for (const kind of await endWhatIsDue(ports, reference, schedule, now)) ended.push({ reference, kind });
        } catch (error) {
          failed.push({ reference, error });
        }
      }
      after = page.next;
    } while (after !== undefined);
  }
  return { looked, ended, failed };
};

/**
 * An original sealed before retention (its data key beside it, the reporter's contact details
 * inside it) sealed again as every original now is: the original and the contact details apart,
 * each under a key the retention job can destroy. Opening it is not a reading by staff, and
 * nothing of it is shown to anyone: it is not recorded as one.
 */
export const resealWithContactApart = async (
  vault: Pick<OriginalsVault, 'open' | 'sealReport'>,
  sealedFor: Reference,
  sealed: SealedOriginal,
  keepContactDetails = true,
): Promise<SealedReport> => {
  const { original, contactDetails } = separateContactDetails(reportSubmissionSchema.parse(JSON.parse(await vault.open(sealedFor, sealed))));
  // Contact details whose day has passed (the job ended keeping in contact while they were still
  // sealed inside the original, out of its reach) are not sealed again: they end here.
  const kept = keepContactDetails ? contactDetails : undefined;
  return vault.sealReport(sealedFor, JSON.stringify(original), kept === undefined ? undefined : JSON.stringify(kept));
};
