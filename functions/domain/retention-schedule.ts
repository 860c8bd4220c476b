/**
 * The retention schedule: how long the service keeps what could lead to a reporter, and the day each
 * kind of it ends. Pure: the retention job (which deletes and shreds) and the holdings report
 * (which counts what is held and what is due) both ask this module, so they can never disagree.
 *
 * What ends, and when (days are whole UTC days; the defaults are in DEFAULT_RETENTION and README):
 * - **keeping in contact**: a confidential reporter's contact details, the follow-up code hashes,
 *   and the questions relayed and answers given (their sealed words too) end `keepingInContactDays`
 *   after the report is *settled*: the later of the day it last reached a force and the day of the
 *   last exchange about it (a question asked or relayed, an answer or added information received
 *   or disseminated). A conversation still going keeps the way to talk.
 * - **the original**: the reporter's sealed words end `originalDays` after keeping in contact ends,
 *   so the contact centre can still check a sanitisation a force questions.
 * - **closed without dissemination**: a contact the contact centre closed (two people, see
 *   functions/domain/review.ts) never reached a force; everything of the reporter's ends
 *   `closedWithoutDisseminationDays` after it was closed, original included.
 *
 * A report still with the contact centre (awaiting review, approved but not yet sent, in triage)
 * is not settled: nothing of it is due. What is kept for ever holds nothing typed by a reporter
 * that was not reviewed: the report's record (categories, routing, the sanitised content its
 * forces hold, force references), its audit trail (who did what, when; never the words) and the
 * statistics counters.
 */
import * as z from './zod.ts';
import type { ReportRecord } from './entities/report-record.ts';

export interface RetentionSchedule {
  /** Days after a report is settled that contact details, codes and follow-ups are kept. */
  readonly keepingInContactDays: number;
  /** Days after keeping in contact ends that the sealed original is kept. */
  readonly originalDays: number;
  /** Days after a contact is closed without dissemination that anything of the reporter's is kept. */
  readonly closedWithoutDisseminationDays: number;
}

/**
 * The defaults, and why:
 * - a year of keeping in contact after the last exchange: forces' anti-corruption investigations
 *   often ask their first question months after receiving a report;
 * - a further year for the original: a force may challenge a sanitisation, or pass the report on,
 *   after the conversation ends, and the contact centre must be able to check what was said;
 * - ninety days for a closed contact: long enough for a supervisor's closure to be questioned and
 *   reopened by a new contact, short enough that a report nobody acted on is not kept.
 */
export const DEFAULT_RETENTION: RetentionSchedule = {
  keepingInContactDays: 365,
  originalDays: 365,
  closedWithoutDisseminationDays: 90,
};

const days = z.int().check(z.minimum(1), z.maximum(3_650));

/** A schedule as an operator sets it (cdk context `retention`); every field defaults. */
export const retentionScheduleSchema = z.strictObject({
  keepingInContactDays: z._default(days, DEFAULT_RETENTION.keepingInContactDays),
  originalDays: z._default(days, DEFAULT_RETENTION.originalDays),
  closedWithoutDisseminationDays: z._default(days, DEFAULT_RETENTION.closedWithoutDisseminationDays),
});

/** What the schedule needs to know about one report, taken from its record and its follow-ups. */
export interface RetentionFacts {
  /**
   * - `open`: still with the contact centre (nothing due);
   * - `disseminated`: has reached a force (its status may since be an outcome);
   * - `closed`: closed by the contact centre without reaching a force;
   * - `split`: divided into parts, each with its own record; the contact's original is kept while any part keeps its own.
   */
  readonly state: 'open' | 'disseminated' | 'closed' | 'split';
  /** When it last reached a force, or was closed: an ISO time. */
  readonly settledAt?: string;
  /** The last exchange about it (questions, answers, added information): an ISO time. */
  readonly lastExchangeAt?: string;
}

/** The day each kind ends (YYYY-MM-DD, UTC), or nothing while the report is open. */
export interface RetentionDates {
  readonly keepingInContactEnds: string;
  readonly originalEnds: string;
}

/** A UTC day in milliseconds; days are counted from the epoch. */
export const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Math.floor(Date.parse(iso) / DAY_MS);
/** The date (YYYY-MM-DD, UTC) of a day counted from the epoch. */
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * What the schedule reads of a report's record, and no more: its status, when it reached a force,
 * when the contact centre closed it, and (a split contact) the parts it was split into. The
 * holdings report reads only this of each record; the retention job has the whole record.
 */
export type ScheduledRecord = Pick<ReportRecord, 'reference' | 'status'> &
  Partial<Pick<ReportRecord, 'notifiedAt'>> & {
    readonly review?: { readonly closed?: { readonly at: string }; readonly split?: { readonly into: readonly string[] } };
  };

/** What the schedule reads of the exchanges about a report: a question's times, an answer's (or added information's). */
export interface ScheduledQuestion {
  readonly askedAt: string;
  readonly relayed?: { readonly at: string };
}
export interface ScheduledAnswer {
  readonly receivedAt: string;
  readonly approved?: { readonly at: string };
  readonly notifiedAt?: string;
}

/**
 * The times of every exchange about a report that keep the way to talk open: questions asked and
 * relayed, answers and added information received, approved and sent on. The retention job and
 * the holdings report both date keeping in contact by these, and only by these.
 */
export const exchangeTimesOf = (questions: readonly ScheduledQuestion[], answers: readonly ScheduledAnswer[]): string[] => [
  ...questions.flatMap((q) => [q.askedAt, ...(q.relayed === undefined ? [] : [q.relayed.at])]),
  ...answers.flatMap((a) => [a.receivedAt, ...(a.approved === undefined ? [] : [a.approved.at]), ...(a.notifiedAt === undefined ? [] : [a.notifiedAt])]),
];

/** The facts of a report, from its record and the times of the exchanges about it. */
export const retentionFacts = (record: ScheduledRecord, exchangeTimes: readonly string[] = []): RetentionFacts => {
  const lastExchangeAt = exchangeTimes.reduce<string | undefined>((latest, at) => (latest === undefined || at > latest ? at : latest), undefined);
  const exchange = lastExchangeAt === undefined ? {} : { lastExchangeAt };
  if (record.status === 'split') return { state: 'split', ...exchange };
  if (record.status === 'closed') return { state: 'closed', ...(record.review?.closed === undefined ? {} : { settledAt: record.review.closed.at }), ...exchange };
  const withAForce = record.notifiedAt !== undefined && record.status !== 'in_triage' && record.status !== 'approved' && record.status !== 'routed';
  if (withAForce) return { state: 'disseminated', settledAt: record.notifiedAt, ...exchange };
  return { state: 'open', ...exchange };
};

/**
 * When each kind of a report's data ends under the schedule. A split contact's own parts decide
 * for it (see `splitContactDates`); an open report, or a closed one without its closing time, has none.
 */
export const retentionDates = (facts: RetentionFacts, schedule: RetentionSchedule = DEFAULT_RETENTION): RetentionDates | undefined => {
  if (facts.settledAt === undefined || facts.state === 'open' || facts.state === 'split') return undefined;
  const settled = Math.max(dayOf(facts.settledAt), facts.lastExchangeAt === undefined ? -Infinity : dayOf(facts.lastExchangeAt));
  if (facts.state === 'closed') {
    const ends = dateOfDay(settled + schedule.closedWithoutDisseminationDays);
    return { keepingInContactEnds: ends, originalEnds: ends };
  }
  const contactEnds = settled + schedule.keepingInContactDays;
  return { keepingInContactEnds: dateOfDay(contactEnds), originalEnds: dateOfDay(contactEnds + schedule.originalDays) };
};

/**
 * A split contact's dates: its original (sealed for the contact, shared by every part) and its
 * reporter's contact details end on the latest day any part's end; none while any part is open.
 */
export const splitContactDates = (parts: readonly (RetentionDates | undefined)[]): RetentionDates | undefined => {
  if (parts.length === 0 || parts.some((dates) => dates === undefined)) return undefined;
  const settled = parts as readonly RetentionDates[];
  const latest = (pick: (dates: RetentionDates) => string): string => settled.map(pick).reduce((a, b) => (b > a ? b : a));
  return { keepingInContactEnds: latest((dates) => dates.keepingInContactEnds), originalEnds: latest((dates) => dates.originalEnds) };
};

/** Whether a day has come (on or after it), by the UTC date of `now`. */
export const hasCome = (day: string, now: Date): boolean => now.toISOString().slice(0, 10) >= day;

/** What is known of the reports: each one's record (undefined: not found) and the times of the exchanges about it. */
export interface ScheduleLookup {
  readonly record: (reference: string) => ScheduledRecord | undefined;
  readonly exchangeTimes: (reference: string) => readonly string[];
}

/**
 * The parts that decide a split contact's days: the parts it was split into, and in place of a part
 * split again, that part's own parts (each holds the contact's reference as `splitFrom`). A part
 * whose record is not found is `undefined`: the contact then has no days, so nothing of it is due.
 */
export const decidingParts = (contact: ScheduledRecord, lookup: Pick<ScheduleLookup, 'record'>): (ScheduledRecord | undefined)[] => {
  const seen = new Set<string>([contact.reference]);
  const leaves: (ScheduledRecord | undefined)[] = [];
  const visit = (references: readonly string[]): void => {
    for (const reference of references) {
      if (seen.has(reference)) continue;
      seen.add(reference);
      const part = lookup.record(reference);
      if (part?.status === 'split') visit(part.review?.split?.into ?? []);
      else leaves.push(part);
    }
  };
  visit(contact.review?.split?.into ?? []);
  return leaves;
};

/**
 * The days a report's data ends, as the retention job ends it and the holdings report counts it:
 * from its record and the exchanges about it; a split contact's (the original, contact details and
 * code it shares with its parts) from its deciding parts'. Undefined while nothing of it is on a clock.
 */
export const reportRetentionDates = (record: ScheduledRecord, lookup: ScheduleLookup, schedule: RetentionSchedule = DEFAULT_RETENTION): RetentionDates | undefined => {
  const own = (report: ScheduledRecord): RetentionDates | undefined => retentionDates(retentionFacts(report, lookup.exchangeTimes(report.reference)), schedule);
  if (record.status !== 'split') return own(record);
  return splitContactDates(decidingParts(record, lookup).map((part) => (part === undefined ? undefined : own(part))));
};
