/**
 * What the service holds: a tally, for an operator asked a data-protection question ("how many
 * reporters' contact details do you hold, how old are they, and when do they go?"). Pure: it takes
 * what the report table holds, already classified item by item (functions/adapters/holdings-scan.ts
 * reads the table and says what each item holds), and `now`, and counts each kind of thing held
 * by how old it is, and how many of them the retention schedule (retention-schedule.ts, the same
 * rules the retention job deletes by) has made due for deletion today, and will in the next 30 days.
 *
 * Nothing in the tally names a report or holds a word of one: counts only.
 */
import type { ReportRecord, RetentionRecord } from './entities/report-record.ts';
import { DAY_MS, DEFAULT_RETENTION, hasCome, reportRetentionDates, type RetentionDates, type RetentionSchedule, type ScheduledRecord } from './retention-schedule.ts';

/** The kinds of thing the service holds, in the order an operator reads them. */
export const HELD_KINDS = [
  'report',
  'original',
  'contact-details',
  'follow-up-code',
  'question',
  'answer',
  'original-key',
  'contact-details-key',
  'answer-key',
  'person-link-keys',
  'person-link-filing',
  'audit-event',
  'statistics',
] as const;
export type HeldKind = (typeof HELD_KINDS)[number];

/** Each kind as the table of holdings names it. */
export const HELD_KIND_NAMES: Readonly<Record<HeldKind, string>> = {
  report: 'reports',
  original: 'originals (sealed)',
  'contact-details': 'contact details',
  'follow-up-code': 'follow-up codes (hashes)',
  question: 'questions',
  answer: 'answers and added information',
  'original-key': 'data keys: originals',
  'contact-details-key': 'data keys: contact details',
  'answer-key': 'data keys: answers',
  'person-link-keys': 'person-link keys',
  'person-link-filing': 'person-link filings',
  'audit-event': 'audit events',
  statistics: 'statistics months',
};

/**
 * Which of the schedule's days ends each kind: `keeping-in-contact` (contact details, codes,
 * questions and answers), `original`, or `kept` (held for as long as the service keeps the
 * report's record: the record, its audit trail, the counters, and the person-link keys, which are
 * keyed hashes of who the report is about and not in the schedule).
 */
export type EndsWith = 'keeping-in-contact' | 'original' | 'kept';
export const ENDS_WITH: Readonly<Record<HeldKind, EndsWith>> = {
  report: 'kept',
  original: 'original',
  'contact-details': 'keeping-in-contact',
  'follow-up-code': 'keeping-in-contact',
  question: 'keeping-in-contact',
  answer: 'keeping-in-contact',
  'original-key': 'original',
  'contact-details-key': 'keeping-in-contact',
  'answer-key': 'keeping-in-contact',
  'person-link-keys': 'kept',
  'person-link-filing': 'kept',
  'audit-event': 'kept',
  statistics: 'kept',
};

/** Age bands by the date a thing was made, as an operator answers with them. */
export const AGE_BANDS = ['under-3-months', '3-to-12-months', '1-to-2-years', 'over-2-years', 'undated'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_NAMES: Readonly<Record<AgeBand, string>> = {
  'under-3-months': 'under 3 months',
  '3-to-12-months': '3-12 months',
  '1-to-2-years': '1-2 years',
  'over-2-years': 'over 2 years',
  undated: 'undated',
};

/** How far ahead "due soon" looks. */
export const DUE_SOON_DAYS = 30;

/** One thing an item holds. */
export interface Held {
  readonly kind: HeldKind;
  /**
   * The report whose retention days end it (a split contact's original and its reporter's contact
   * details are the contact's), and whose receipt dates it when it carries no date of its own.
   */
  readonly of?: string;
  /** When it was made: an ISO time, or a `yyyy-mm` month. */
  readonly madeAt?: string;
  /**
   * Held only if the report `of` says its reporter left contact details: an original sealed before
   * retention holds them inside it (until `npm run retention -- --reseal-legacy` seals them apart),
   * so it holds them exactly when its record says so. Counted when that record is not found: a
   * data-protection count errs towards holding.
   */
  readonly ifContactDetailsLeft?: true;
}

/**
 * What the holdings report reads of a report's record: what the schedule reads
 * (retention-schedule.ts ScheduledRecord), its receipt, whether its reporter left contact details,
 * the contact it was split from, and the retention job's marks of what has ended.
 */
export type RetainedRecord = ScheduledRecord &
  Pick<ReportRecord, 'receivedAt' | 'contactDetailsHeld'> &
  Partial<Pick<ReportRecord, 'splitFrom'>> & { readonly retention?: RetentionRecord };

/** What one item of the table holds, and what it tells the schedule. */
export interface ClassifiedItem {
  /** The things held in it (none, one, or several: an audit item holds the events decided together). */
  readonly held: readonly Held[];
  /** A report's record: its retention facts and its receipt date. */
  readonly record?: RetainedRecord;
  /** Times of exchanges about a report (questions asked or relayed, answers received or sent). */
  readonly exchanges?: { readonly of: string; readonly at: readonly string[] };
  /** An item that holds none of the kinds above, by what it is (e.g. "reservation", "force reference"). */
  readonly other?: string;
}

export interface KindTally {
  readonly held: number;
  readonly byAge: Readonly<Record<AgeBand, number>>;
  /** Held past the day the schedule ends them. */
  readonly dueNow: number;
  /** Not yet due, and due within DUE_SOON_DAYS. */
  readonly dueSoon: number;
  /** On no clock yet: their report is still with the contact centre, or its record was not found. */
  readonly noEndYet: number;
  readonly endsWith: EndsWith;
}

export interface Holdings {
  /** The day asked about (YYYY-MM-DD, UTC). */
  readonly asOf: string;
  readonly schedule: RetentionSchedule;
  readonly kinds: Readonly<Record<HeldKind, KindTally>>;
  /** Items holding none of the kinds, by what they are. */
  readonly other: Readonly<Record<string, number>>;
  /** Reports whose keeping in contact, and whose original, the retention job has ended (their records' marks). */
  readonly ended: { readonly keepingInContact: number; readonly original: number };
  /**
   * Of the contact details held, those sealed inside an original from before retention: they end
   * only with the original, or apart once `npm run retention -- --reseal-legacy` has sealed them apart.
   */
  readonly contactDetailsInsideOriginals: number;
  /** Every item read. */
  readonly items: number;
}


/** The instant `months` calendar months before `now` (UTC), the day kept within the month. */
const monthsBefore = (now: Date, months: number): number => {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(now.getUTCDate(), lastDay), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds());
};

/** The age band of a thing made at `madeAt` (an ISO time, or a `yyyy-mm` month, its first day), on `now`. */
export const ageBand = (madeAt: string | undefined, now: Date): AgeBand => {
  if (madeAt === undefined) return 'undated';
  const made = Date.parse(/^\d{4}-\d{2}$/.test(madeAt) ? `${madeAt}-01T00:00:00Z` : madeAt);
  if (Number.isNaN(made)) return 'undated';
  if (made > monthsBefore(now, 3)) return 'under-3-months';
  if (made > monthsBefore(now, 12)) return '3-to-12-months';
  if (made > monthsBefore(now, 24)) return '1-to-2-years';
  return 'over-2-years';
};

/** Each report's retention days, from the records and exchanges read: the retention job's own (reportRetentionDates). */
export const retentionDatesByReport = (
  records: ReadonlyMap<string, RetainedRecord>,
  exchanges: ReadonlyMap<string, readonly string[]>,
  schedule: RetentionSchedule,
): ReadonlyMap<string, RetentionDates | undefined> => {
  const lookup = { record: (reference: string) => records.get(reference), exchangeTimes: (reference: string) => exchanges.get(reference) ?? [] };
  return new Map([...records].map(([reference, record]) => [reference, reportRetentionDates(record, lookup, schedule)]));
};

const endOf = (dates: RetentionDates | undefined, endsWith: EndsWith): string | undefined => {
  if (dates === undefined || endsWith === 'kept') return undefined;
  return endsWith === 'original' ? dates.originalEnds : dates.keepingInContactEnds;
};

const emptyBands = (): Record<AgeBand, number> => Object.fromEntries(AGE_BANDS.map((band) => [band, 0])) as Record<AgeBand, number>;

/** The tally of what the classified items hold, on the UTC day of `now`, under `schedule`. */
export const tallyHoldings = (items: Iterable<ClassifiedItem>, now: Date, schedule: RetentionSchedule = DEFAULT_RETENTION): Holdings => {
  const records = new Map<string, RetainedRecord>();
  const exchanges = new Map<string, string[]>();
  const held: Held[] = [];
  const other: Record<string, number> = {};
  let count = 0;
  let contactDetailsInsideOriginals = 0;
  for (const item of items) {
    count++;
    if (item.record !== undefined) records.set(item.record.reference, item.record);
    if (item.exchanges !== undefined) {
      let times = exchanges.get(item.exchanges.of);
      if (times === undefined) exchanges.set(item.exchanges.of, (times = []));
      times.push(...item.exchanges.at);
    }
    if (item.other !== undefined) other[item.other] = (other[item.other] ?? 0) + 1;
    held.push(...item.held);
  }
  const dates = retentionDatesByReport(records, exchanges, schedule);
  const soon = new Date(now.getTime() + DUE_SOON_DAYS * DAY_MS);
  const tallies = Object.fromEntries(
    HELD_KINDS.map((kind) => [kind, { held: 0, byAge: emptyBands(), dueNow: 0, dueSoon: 0, noEndYet: 0, endsWith: ENDS_WITH[kind] }]),
  ) as Record<HeldKind, { held: number; byAge: Record<AgeBand, number>; dueNow: number; dueSoon: number; noEndYet: number; endsWith: EndsWith }>;
  for (const thing of held) {
    const record = thing.of === undefined ? undefined : records.get(thing.of);
    if (thing.ifContactDetailsLeft && record?.contactDetailsHeld === false) continue;
    const tally = tallies[thing.kind];
    tally.held++;
    if (thing.ifContactDetailsLeft) contactDetailsInsideOriginals++;
    tally.byAge[ageBand(thing.madeAt ?? record?.receivedAt, now)]++;
    if (tally.endsWith === 'kept') continue;
    const end = endOf(thing.of === undefined ? undefined : dates.get(thing.of), tally.endsWith);
    if (end === undefined) tally.noEndYet++;
    else if (hasCome(end, now)) tally.dueNow++;
    else if (hasCome(end, soon)) tally.dueSoon++;
  }
  const marks = [...records.values()].map((record) => record.retention ?? {});
  const ended = { keepingInContact: marks.filter((mark) => mark.keepingInContactEnded !== undefined).length, original: marks.filter((mark) => mark.originalEnded !== undefined).length };
  return { asOf: now.toISOString().slice(0, 10), schedule, kinds: tallies, other, ended, contactDetailsInsideOriginals, items: count };
};
