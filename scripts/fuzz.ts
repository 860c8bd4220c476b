/**
 * `npm run fuzz -- --requests 20000 --seed 7`: fuzzes every route of a fresh local stack (see
 * test/support/request-fuzz.ts for what is sent and how each answer is judged), then prints the
 * answers' counts by status, every failure with the seed and index that replays it
 * (`--seed S --only I`), and whether the stack still answers. Exits 1 on any failure.
 */
import { parseArgs } from 'node:util';
import { startLocalStack } from '../local/stack.ts';
import { fuzz } from '../test/support/request-fuzz.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    seed: { type: 'string' },
    only: { type: 'string' },
    width: { type: 'string', default: '4' },
    review: { type: 'string', default: 'on' },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const count = Number(values.requests);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(count) || count < 1) {
  console.error('usage: npm run fuzz -- [--requests N] [--seed S] [--only I] [--width W] [--review on|off]');
  process.exit(2);
}

const stack = await startLocalStack({ review: values.review === 'off' ? 'off' : 'on' });
const started = performance.now();
try {
  const run = await fuzz(stack, { seed, count, width: Number(values.width), ...(values.only === undefined ? {} : { only: Number(values.only) }) });
  const seconds = (performance.now() - started) / 1000;
  console.log(`seed ${seed}: ${values.only === undefined ? count : 1} requests in ${seconds.toFixed(0)} s`);
  console.log('status  answers');
  for (const [status, n] of [...run.byStatus].sort(([a], [b]) => a - b)) console.log(`${String(status).padStart(6)}  ${n}`);
  console.log(`5xx: ${[...run.byStatus].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0)}; failures: ${run.failures.length}; stack alive at the end: ${run.alive ? 'yes' : 'NO'}`);
  for (const failure of run.failures.slice(0, 50)) console.log(`  --seed ${seed} --only ${failure.index}: ${failure.summary}\n      ${failure.problem}`);
  process.exitCode = run.failures.length === 0 && run.alive ? 0 : 1;
} finally {
  await stack.stop();
}
