/**
 * `npm run bench` (second part): what issuing and checking a follow-up code cost, and that a right
 * code, a wrong one, an unknown reference and an old (scrypt) code cost the same to check. Medians
 * over many runs, in this process, with the code key in memory (as a function has it after its
 * first code); a figure to read, not a test (these machines are shared and noisy).
 */
import { randomBytes } from 'node:crypto';
import { percentile, timeRuns } from './bench-figures.ts';
import { codeMatches, credentialFor, newFollowUpCode, SCRYPT_COST, scryptCredentialFor } from '../functions/domain/follow-up-code.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const median = (values: number[]) => percentile(values, 0.5);
const time = (check: () => Promise<unknown>) => timeRuns(RUNS, check);

const key = { version: 'v1', secret: randomBytes(32) };
const keys = { find: async () => key };
const code = newFollowUpCode();
const credential = credentialFor(code, new Date(), key);
const old = await scryptCredentialFor(code, new Date());
const wrong = newFollowUpCode();

const rows = {
  'right code': await time(() => codeMatches(code, credential, keys)),
  'wrong code': await time(() => codeMatches(wrong, credential, keys)),
  'unknown reference': await time(() => codeMatches(code, undefined, keys)),
  'old (scrypt) code': await time(() => codeMatches(code, old, keys)),
  'issue a code (keyed hash)': await time(async () => credentialFor(newFollowUpCode(), new Date(), key)),
  'issue a code as before (scrypt)': await time(() => scryptCredentialFor(newFollowUpCode(), new Date())),
};

console.log(`\nFollow-up codes: HMAC-SHA-256 under the code key; every check also one scrypt N=2^${Math.log2(SCRYPT_COST.N)}, r=${SCRYPT_COST.r}, p=${SCRYPT_COST.p}; ${RUNS} runs each\n`);
console.log('| check | median ms | min ms | max ms |');
console.log('|---|---|---|---|');
for (const [name, times] of Object.entries(rows)) {
  console.log(`| ${name} | ${median(times).toFixed(1)} | ${Math.min(...times).toFixed(1)} | ${Math.max(...times).toFixed(1)} |`);
}
