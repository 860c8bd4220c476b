/**
 * The statistics tables: exact for operators, and the public view that never shows a count below
 * 5 for a force and month, nor lets one be worked out from the totals.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { forceById, type Force } from '../../functions/domain/forces.ts';
import { COUNTERS, type Counter } from '../../functions/domain/entities/counters.ts';
import {
  cellText,
  COLUMNS,
  exactStatistics,
  FEWER_THAN_FIVE,
  MAX_MONTHS,
  monthCount,
  monthsIn,
  parseStatisticsQuery,
  publicStatistics,
  type MonthlyCounts,
  type PublicCount,
} from '../../functions/domain/statistics-view.ts';

const met = forceById('metropolitan') as Force;

const counts = (values: Partial<Record<Counter, number>>): MonthlyCounts['counts'] => values;

describe('months', () => {
  it('counts and lists the months of a range across years, both ends included', () => {
    assert.equal(monthCount({ from: '2022-11', to: '2024-04' }), 18);
    assert.deepEqual(monthsIn({ from: '2023-11', to: '2024-02' }), ['2023-11', '2023-12', '2024-01', '2024-02']);
    assert.deepEqual(monthsIn({ from: '2024-03', to: '2024-03' }), ['2024-03']);
  });
});

describe('the statistics query', () => {
  it('takes a force id and two months', () => {
    const result = parseStatisticsQuery({ force: 'metropolitan', from: '2022-11', to: '2024-04' });
    assert.equal(result.kind, 'valid');
    if (result.kind === 'valid') {
      assert.equal(result.query.force.name, 'Metropolitan Police Service');
      assert.deepEqual(result.query.range, { from: '2022-11', to: '2024-04' });
    }
  });

  it('names every missing or malformed parameter at once', () => {
    const result = parseStatisticsQuery({ from: '2024-13', to: 'March' });
    assert.equal(result.kind, 'invalid');
    if (result.kind === 'invalid') {
      assert.deepEqual(
        result.problems.map((p) => p.parameter),
        ['force', 'from', 'to'],
      );
      assert.match(result.problems[1]!.detail, /yyyy-mm.*"2024-13"/);
    }
  });

  it('refuses a force that is not in the registry, and suggests the id for a name it knows', () => {
    const unknown = parseStatisticsQuery({ force: 'gotham', from: '2024-01', to: '2024-02' });
    assert.deepEqual(unknown.kind === 'invalid' && unknown.problems.map((p) => p.parameter), ['force']);
    const byName = parseStatisticsQuery({ force: 'the Met', from: '2024-01', to: '2024-02' });
    assert.match(byName.kind === 'invalid' ? byName.problems[0]!.detail : '', /did you mean "metropolitan"/);
  });

  it(`refuses a range that ends before it starts, or is longer than ${MAX_MONTHS} months`, () => {
    const backwards = parseStatisticsQuery({ force: 'kent', from: '2024-04', to: '2024-03' });
    assert.match(backwards.kind === 'invalid' ? backwards.problems[0]!.detail : '', /must not be before/);
    const long = parseStatisticsQuery({ force: 'kent', from: '2014-01', to: '2024-01' });
    assert.match(long.kind === 'invalid' ? long.problems[0]!.detail : '', /at most 120 months.* 121/);
    assert.equal(parseStatisticsQuery({ force: 'kent', from: '2014-02', to: '2024-01' }).kind, 'valid');
  });
});

describe('the exact table', () => {
  it('has every month of the range, contacts as online plus phone, and totals', () => {
    const table = exactStatistics(met, { from: '2024-01', to: '2024-03' }, [
      { month: '2024-01', counts: counts({ contacts_online: 40, contacts_phone: 90, passed_to_force: 50, investigations_opened: 41 }) },
      { month: '2024-03', counts: counts({ contacts_online: 2, passed_to_force: 7 }) },
      { month: '2025-01', counts: counts({ contacts_online: 1_000 }) },
    ]);
    assert.equal(table.view, 'exact');
    assert.deepEqual(table.force, { id: 'metropolitan', name: 'Metropolitan Police Service' });
    assert.deepEqual(table.columns, COLUMNS);
    assert.deepEqual(
      table.months.map((m) => [m.month, m.counts.contacts, m.counts.passed_to_force]),
      [
        ['2024-01', 130, 50],
        ['2024-02', 0, 0],
        ['2024-03', 2, 7],
      ],
    );
    assert.equal(table.totals.contacts, 132);
    assert.equal(table.totals.contacts_online, 42);
    assert.equal(table.totals.investigations_opened, 41);
    assert.equal(table.totals.no_further_action, 0);
  });

  it('has a column for every counter, and contacts first', () => {
    assert.equal(COLUMNS[0], 'contacts');
    assert.deepEqual([...COLUMNS.slice(1)].sort(), [...COUNTERS].sort());
  });
});

describe('the public view', () => {
  const publicOf = (monthly: MonthlyCounts[], from = '2024-01', to = '2024-02') => publicStatistics(exactStatistics(met, { from, to }, monthly));

  it('shows counts of 5 and more as they are, and every count below 5 as "fewer than 5", zero included', () => {
    const view = publicOf([{ month: '2024-01', counts: counts({ contacts_online: 5, contacts_phone: 4, passed_to_force: 1 }) }]);
    const [january, february] = view.months;
    assert.equal(january!.counts.contacts_online, 5);
    assert.equal(january!.counts.contacts_phone, FEWER_THAN_FIVE);
    assert.equal(january!.counts.passed_to_force, FEWER_THAN_FIVE);
    assert.equal(january!.counts.investigations_opened, FEWER_THAN_FIVE, 'a zero is not told apart from 1 to 4');
    assert.ok(COUNTERS.every((counter) => february!.counts[counter] === FEWER_THAN_FIVE));
    assert.equal(february!.counts.contacts, '0 to 8', 'two hidden channels: the range they imply');
    assert.equal(view.view, 'public');
    assert.match(view.suppression, /fewer than 5/);
  });

  it("gives a month's contacts as a range when a channel's count is hidden, so online + phone cannot betray it", () => {
    const view = publicOf([{ month: '2024-01', counts: counts({ contacts_online: 120, contacts_phone: 3 }) }]);
    assert.equal(view.months[0]!.counts.contacts, '120 to 124');
    const both = publicOf([{ month: '2024-01', counts: counts({ contacts_online: 4, contacts_phone: 4 }) }]);
    assert.equal(both.months[0]!.counts.contacts, '0 to 8', 'not 8, which would show both were 4');
    const tiny = publicOf([{ month: '2024-01', counts: counts({ contacts_online: 2, contacts_phone: 7 }) }]);
    assert.equal(tiny.months[0]!.counts.contacts, '7 to 11');
  });

  it('gives a total as a range when it includes a hidden month, so subtraction cannot recover it', () => {
    const view = publicOf(
      [
        { month: '2024-01', counts: counts({ passed_to_force: 130, passed_to_other_forces: 9 }) },
        { month: '2024-02', counts: counts({ passed_to_force: 3, passed_to_other_forces: 6 }) },
      ],
      '2024-01',
      '2024-02',
    );
    assert.equal(view.totals.passed_to_force, '130 to 134', 'not 133, which minus 130 shows February');
    assert.equal(view.totals.passed_to_other_forces, 15, 'nothing hidden: exact');
    assert.equal(view.totals.no_further_action, '0 to 8');
  });

  it('says "fewer than 5" for a sum that the hidden counts keep below 5', () => {
    const view = publicOf([{ month: '2024-01', counts: counts({ contacts_online: 3 }) }], '2024-01', '2024-01');
    assert.equal(view.months[0]!.counts.contacts, '0 to 8');
    assert.equal(view.totals.contacts_online, FEWER_THAN_FIVE);
  });

  it('gives the Met\'s first 18 months exactly when no month is below 5', () => {
    const months = monthsIn({ from: '2022-11', to: '2024-04' }).map((month) => ({
      month,
      counts: counts({ contacts_online: 50, contacts_phone: 110, passed_to_force: 48, investigations_opened: 40, passed_to_other_forces: 8, no_further_action: 5, closed: 6 }),
    }));
    const view = publicOf(months, '2022-11', '2024-04');
    assert.equal(view.totals.contacts, 18 * 160);
    assert.equal(view.totals.passed_to_other_forces, 18 * 8);
    assert.equal(cellText(view.totals.contacts), '2,880');
  });

  // Any counters at all: three months of the Met, each counter 0 to 30.
  const monthlyCounters = fc.array(fc.record(Object.fromEntries(COUNTERS.map((c) => [c, fc.nat({ max: 30 })])) as Record<Counter, fc.Arbitrary<number>>), {
    minLength: 3,
    maxLength: 3,
  });
  const asMonthly = (rows: Record<Counter, number>[]): MonthlyCounts[] => rows.map((c, i) => ({ month: `2024-0${i + 1}`, counts: c }));
  const cells = (view: ReturnType<typeof publicOf>): PublicCount[] => [...view.months.flatMap((m) => Object.values(m.counts)), ...Object.values(view.totals)];

  it('never shows a number below 5, and every figure it shows holds the exact one', () => {
    fc.assert(
      fc.property(monthlyCounters, (rows) => {
        const exact = exactStatistics(met, { from: '2024-01', to: '2024-03' }, asMonthly(rows));
        const view = publicStatistics(exact);
        const pairs: [number, PublicCount][] = [
          ...exact.months.flatMap((m, i) => COLUMNS.map((c): [number, PublicCount] => [m.counts[c], view.months[i]!.counts[c]])),
          ...COLUMNS.map((c): [number, PublicCount] => [exact.totals[c], view.totals[c]]),
        ];
        for (const [value, cell] of pairs) {
          if (typeof cell === 'number') {
            assert.ok(cell >= 5);
            assert.equal(cell, value);
          } else if (cell === FEWER_THAN_FIVE) {
            assert.ok(value < 5);
          } else {
            const [low, high] = cell.split(' to ').map(Number) as [number, number];
            assert.ok(low <= value && value <= high && high >= 5, `${value} in ${cell}`);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is the same whatever the hidden counts are: nothing below 5 can be worked out from it', () => {
    fc.assert(
      fc.property(monthlyCounters, fc.array(fc.nat({ max: 4 }), { minLength: 21, maxLength: 21 }), (rows, replacements) => {
        // Every count below 5 replaced by another count below 5.
        let next = 0;
        const altered = rows.map((row) =>
          Object.fromEntries(Object.entries(row).map(([counter, value]) => [counter, value < 5 ? replacements[next++ % replacements.length]! : value])),
        ) as Record<Counter, number>[];
        const view = (r: Record<Counter, number>[]) => cells(publicOf(asMonthly(r), '2024-01', '2024-03'));
        assert.deepEqual(view(altered), view(rows));
      }),
      { numRuns: 500 },
    );
  });
});
