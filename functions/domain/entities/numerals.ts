/**
 * Whole numbers as British English writes them ("10,000"), without Intl: the first
 * `toLocaleString('en-GB')` in a process loads ICU's locale data, about 10 ms, and the schemas and
 * pages that name their limits are built when a function starts. Other numbers still go to
 * `toLocaleString`, which gives the same text for whole numbers.
 */
export const groupedNumber = (value: number): string =>
  // String(-0) is "0" where toLocaleString writes "-0": negative zero goes the long way.
  Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : value.toLocaleString('en-GB');
