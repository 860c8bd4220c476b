/**
 * The statistics for one force over a range of months, as a table: a row per month and a totals
 * row, a column per counter (functions/domain/statistics.ts) and the derived `contacts` (online
 * plus phone). Two views of the same counters:
 *
 * - exact, for operators, reading the table with their own credentials;
 * - public, for anyone (GET /stats), which never exposes a count below 5 for a force and month.
 *
 * The public view's rules, and why:
 *
 * 1. Every stored count for a force and month from 0 to 4 is shown as "fewer than 5". Zero
 *    included: the people most interested in these figures include the officers being reported,
 *    and in a small force "0" against "fewer than 5" tells one of them whether anybody reported
 *    anyone that month, which is the first thing someone who has abused a partner or threatened
 *    a witness wants to know. (The requirement's own words: never a count below 5.)
 * 2. A figure made by adding counts up (a month's `contacts`, and every total) is shown exactly
 *    only when none of the counts it adds is hidden. Otherwise subtraction would recover them:
 *    total minus the months shown is the hidden month, and even two hidden months summing to 0
 *    or 8 give both away. Such a figure is shown as the range the published counts already
 *    imply: from the sum of the counts shown to that sum plus 4 for each hidden count ("135 to
 *    139"), or "fewer than 5" when even the top of that range is below 5.
 *
 * So the public view is a function of the month cells it shows and nothing else: two sets of
 * counters that differ only in counts below 5 give the same public view, and every number in it
 * is 5 or more (test/unit/statistics-view.test.ts proves both for any counters).
 */
import { findForce, forceById, type Force, type ForceId } from './forces.ts';
import { COUNTERS, type Counter } from './entities/counters.ts';

/** Counts below this, per force and month, are never shown in the public view. */
export const SUPPRESSION_THRESHOLD = 5;
export const FEWER_THAN_FIVE = 'fewer than 5';
/** Ten years: the longest range one request may ask for. */
export const MAX_MONTHS = 120;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month, written yyyy-mm (UTC), as the statistics items' sort keys are. */
export type Month = string;

export interface MonthRange {
  readonly from: Month;
  readonly to: Month;
}

/** The table's columns, in the order people read them, with their headings. */
export const COLUMN_HEADINGS = {
  contacts: 'Contacts',
  contacts_online: 'Online',
  contacts_phone: 'Phone',
  passed_to_force: 'Passed to force',
  investigations_opened: 'Investigations',
  passed_to_other_forces: 'To other forces',
  no_further_action: 'No further action',
  closed: 'Closed by contact centre',
} as const satisfies Record<Column, string>;

export type Column = 'contacts' | Counter;
export const COLUMNS = Object.keys(COLUMN_HEADINGS) as Column[];

/** What the store holds for one month: a counter never moved is simply absent. */
export interface MonthlyCounts {
  readonly month: Month;
  readonly counts: Readonly<Partial<Record<Counter, number>>>;
}

/** Where the counters are read from: the report table's `STATS#<force>` items. */
export interface StatisticsReader {
  monthlyCounts(force: ForceId, range: MonthRange): Promise<MonthlyCounts[]>;
}

/** `"135 to 139"`: the range a total including hidden counts must lie in. */
export type CountRange = `${number} to ${number}`;
export type PublicCount = number | typeof FEWER_THAN_FIVE | CountRange;

export interface StatisticsRow<Cell> {
  readonly month: Month;
  readonly counts: Readonly<Record<Column, Cell>>;
}

export interface StatisticsTable<Cell> {
  readonly force: { readonly id: ForceId; readonly name: string };
  readonly from: Month;
  readonly to: Month;
  readonly columns: readonly Column[];
  readonly months: readonly StatisticsRow<Cell>[];
  readonly totals: Readonly<Record<Column, Cell>>;
}

export interface ExactStatistics extends StatisticsTable<number> {
  readonly view: 'exact';
}

export interface PublicStatistics extends StatisticsTable<PublicCount> {
  readonly view: 'public';
  /** The rules, in words, for whoever reads the JSON. */
  readonly suppression: string;
}

export const SUPPRESSION_NOTE =
  'Counts below 5 for a force and month (0 included) are shown as "fewer than 5". ' +
  'A month\'s contacts, and each total, that include such a count are shown as the range the counts shown imply, e.g. "135 to 139".';

// Months -------------------------------------------------------------------------------------------

export const isMonth = (text: string): boolean => MONTH.test(text);

const monthIndex = (month: Month): number => {
  const [, year, monthOfYear] = MONTH.exec(month) ?? [];
  if (year === undefined || monthOfYear === undefined) throw new Error(`Not a month: ${month}`);
  return Number(year) * 12 + Number(monthOfYear) - 1;
};

const monthAt = (index: number): Month => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** How many months from `from` to `to`, both included. */
export const monthCount = ({ from, to }: MonthRange): number => monthIndex(to) - monthIndex(from) + 1;

/** Every month from `from` to `to`, both included. */
export const monthsIn = (range: MonthRange): Month[] => {
  const first = monthIndex(range.from);
  return Array.from({ length: Math.max(0, monthCount(range)) }, (_, i) => monthAt(first + i));
};

// The query ----------------------------------------------------------------------------------------

export const STATISTICS_QUERY_PARAMETERS = ['force', 'from', 'to'] as const;
export type StatisticsQueryParameter = (typeof STATISTICS_QUERY_PARAMETERS)[number];

export interface StatisticsQuery {
  readonly force: Force;
  readonly range: MonthRange;
}

export interface QueryProblem {
  readonly parameter: StatisticsQueryParameter;
  readonly detail: string;
}

export type StatisticsQueryResult = { readonly kind: 'valid'; readonly query: StatisticsQuery } | { readonly kind: 'invalid'; readonly problems: QueryProblem[] };

const forceProblem = (typed: string | undefined): string | undefined => {
  if (typed === undefined || typed.trim() === '') return 'force is required: a force id, e.g. metropolitan or kent';
  if (forceById(typed) !== undefined) return undefined;
  const meant = findForce(typed);
  return meant === undefined
    ? `"${typed}" is not a force id in the registry (data/uk-police-forces.csv)`
    : `"${typed}" is not a force id; did you mean "${meant.id}" (${meant.name})?`;
};

const monthProblem = (name: 'from' | 'to', typed: string | undefined): string | undefined => {
  if (typed === undefined || typed === '') return `${name} is required: a month written yyyy-mm, e.g. 2024-03`;
  return isMonth(typed) ? undefined : `${name} must be a month written yyyy-mm, e.g. 2024-03, not "${typed}"`;
};

/** The force and months asked for, or every reason they cannot be answered. */
export const parseStatisticsQuery = (parameters: Readonly<Partial<Record<StatisticsQueryParameter, string>>>): StatisticsQueryResult => {
  const problems: QueryProblem[] = [];
  const check = (parameter: StatisticsQueryParameter, detail: string | undefined) => {
    if (detail !== undefined) problems.push({ parameter, detail });
  };
  check('force', forceProblem(parameters.force));
  check('from', monthProblem('from', parameters.from));
  check('to', monthProblem('to', parameters.to));
  const force = forceById(parameters.force ?? '');
  const { from, to } = parameters;
  if (problems.length > 0 || force === undefined || from === undefined || to === undefined) return { kind: 'invalid', problems };
  const months = monthCount({ from, to });
  if (months < 1) return { kind: 'invalid', problems: [{ parameter: 'to', detail: `to (${to}) must not be before from (${from})` }] };
  if (months > MAX_MONTHS) {
    return { kind: 'invalid', problems: [{ parameter: 'to', detail: `at most ${MAX_MONTHS} months at a time; ${from} to ${to} is ${months}` }] };
  }
  return { kind: 'valid', query: { force, range: { from, to } } };
};

// The tables ---------------------------------------------------------------------------------------

const zeroCounts = (): Record<Counter, number> => Object.fromEntries(COUNTERS.map((counter) => [counter, 0])) as Record<Counter, number>;

/** A row's cells in the columns' order, so the JSON reads as the table does. */
const inColumnOrder = <Cell>(cells: Record<Column, Cell>): Record<Column, Cell> =>
  Object.fromEntries(COLUMNS.map((column) => [column, cells[column]])) as Record<Column, Cell>;

const withContacts = (counts: Record<Counter, number>): Record<Column, number> =>
  inColumnOrder({ ...counts, contacts: counts.contacts_online + counts.contacts_phone });

/**
 * The exact table: every month of the range (a month with no item counts nothing), the derived
 * contacts, and the totals. Counts for months outside the range are ignored.
 */
export const exactStatistics = (force: Force, range: MonthRange, monthly: readonly MonthlyCounts[]): ExactStatistics => {
  const stored = new Map(monthly.map((entry) => [entry.month, entry.counts]));
  const months = monthsIn(range).map((month) => {
    const counts = zeroCounts();
    for (const counter of COUNTERS) {
      const value = stored.get(month)?.[counter];
      if (typeof value === 'number' && Number.isFinite(value)) counts[counter] = value;
    }
    return { month, counts: withContacts(counts) };
  });
  const totals = zeroCounts();
  for (const { counts } of months) for (const counter of COUNTERS) totals[counter] += counts[counter];
  return { view: 'exact', force: { id: force.id, name: force.name }, ...range, columns: COLUMNS, months, totals: withContacts(totals) };
};

/** A month's stored count as the public sees it. */
type ShownCount = { readonly hidden: true } | { readonly hidden: false; readonly value: number };

const shown = (value: number): ShownCount => (value < SUPPRESSION_THRESHOLD ? { hidden: true } : { hidden: false, value });

const asPublic = (count: ShownCount): PublicCount => (count.hidden ? FEWER_THAN_FIVE : count.value);

/** A sum of counts, from what is shown of them only: exact if none is hidden, else the range they imply. */
const sumShown = (counts: readonly ShownCount[]): PublicCount => {
  let visible = 0;
  let hidden = 0;
  for (const count of counts) {
    if (count.hidden) hidden += 1;
    else visible += count.value;
  }
  if (hidden === 0) return visible;
  const highest = visible + hidden * (SUPPRESSION_THRESHOLD - 1);
  return highest < SUPPRESSION_THRESHOLD ? FEWER_THAN_FIVE : `${visible} to ${highest}`;
};

/** The public view of an exact table; see the rules at the top of this file. */
export const publicStatistics = (exact: ExactStatistics): PublicStatistics => {
  const shownMonths = exact.months.map(({ month, counts }) => ({
    month,
    counts: Object.fromEntries(COUNTERS.map((counter) => [counter, shown(counts[counter])])) as Record<Counter, ShownCount>,
  }));
  const row = (cells: Record<Counter, ShownCount>, contacts: PublicCount): Record<Column, PublicCount> =>
    inColumnOrder({
      ...(Object.fromEntries(COUNTERS.map((counter) => [counter, asPublic(cells[counter])])) as Record<Counter, PublicCount>),
      contacts,
    });
  const months = shownMonths.map(({ month, counts }) => ({
    month,
    counts: row(counts, sumShown([counts.contacts_online, counts.contacts_phone])),
  }));
  const column = (counter: Counter) => shownMonths.map(({ counts }) => counts[counter]);
  const totals = inColumnOrder({
    ...(Object.fromEntries(COUNTERS.map((counter) => [counter, sumShown(column(counter))])) as Record<Counter, PublicCount>),
    contacts: sumShown([...column('contacts_online'), ...column('contacts_phone')]),
  });
  return {
    view: 'public',
    force: exact.force,
    from: exact.from,
    to: exact.to,
    columns: exact.columns,
    months,
    totals,
    suppression: SUPPRESSION_NOTE,
  };
};

/** A cell as text, for tables people read: thousands separated, ranges and "fewer than 5" as they are. */
export const cellText = (cell: PublicCount): string => {
  if (typeof cell === 'number') return cell.toLocaleString('en-GB');
  if (cell === FEWER_THAN_FIVE) return cell;
  return cell.replace(/\d+/g, (digits) => Number(digits).toLocaleString('en-GB'));
};
