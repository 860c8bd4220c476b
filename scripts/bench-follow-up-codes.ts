/**
 * `npm run bench` (second part): what checking a follow-up code costs, and that a wrong code and
 * an unknown reference cost the same. Medians over many checks, in this process; a figure to read,
 * not a test (these machines are shared and noisy).
 */
import { codeMatches, credentialFor, newFollowUpCode, SCRYPT_COST } from '../functions/domain/follow-up-code.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const time = async (check: () => Promise<unknown>): Promise<number[]> => {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await check();
    times.push(performance.now() - start);
  }
  return times;
};

const code = newFollowUpCode();
const credential = await credentialFor(code, new Date());
const wrong = newFollowUpCode();

const rows = {
  'right code': await time(() => codeMatches(code, credential)),
  'wrong code': await time(() => codeMatches(wrong, credential)),
  'unknown reference': await time(() => codeMatches(code, undefined)),
  'issue a code': await time(() => credentialFor(newFollowUpCode(), new Date())),
};

console.log(`\nFollow-up code checks: scrypt N=2^${Math.log2(SCRYPT_COST.N)}, r=${SCRYPT_COST.r}, p=${SCRYPT_COST.p}; ${RUNS} runs each\n`);
console.log('| check | median ms | min ms | max ms |');
console.log('|---|---|---|---|');
for (const [name, times] of Object.entries(rows)) {
  console.log(`| ${name} | ${median(times).toFixed(1)} | ${Math.min(...times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);
}
