/** What the benches share: timing a step over many runs, and reading percentiles off the times. */

/** The value below which the fraction `p` of the values lie (p = 0.5: the median), nearest rank. */
export const percentile = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;

/** How long each of `runs` runs of the step took, one after another, in milliseconds. */
export const timeRuns = async (runs: number, step: () => Promise<unknown>): Promise<number[]> => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await step();
    times.push(performance.now() - start);
  }
  return times;
};
