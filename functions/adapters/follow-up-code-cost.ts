/**
 * The scrypt cost for new follow-up codes: the domain's SCRYPT_COST, always, in AWS. Only a long
 * local replay of thousands of reports (test/integration/met-first-18-months.test.ts), where each
 * code's hash would otherwise cost most of the run, may lower it with FOLLOW_UP_CODE_SCRYPT_N; the
 * stack never sets it, and a test checks that. A credential records its own cost, so every code
 * is checked at the cost it was made with.
 */
import { SCRYPT_COST, type ScryptCost } from '#domain/follow-up-code.ts';

export const FOLLOW_UP_CODE_COST_VARIABLE = 'FOLLOW_UP_CODE_SCRYPT_N';

export const followUpCodeCost = (): ScryptCost => {
  const configured = process.env[FOLLOW_UP_CODE_COST_VARIABLE];
  if (configured === undefined || configured === '') return SCRYPT_COST;
  const N = Number(configured);
  if (!Number.isInteger(Math.log2(N)) || N < 2 ** 10) throw new Error(`${FOLLOW_UP_CODE_COST_VARIABLE} must be a power of two of at least 1024`);
  return { ...SCRYPT_COST, N };
};
