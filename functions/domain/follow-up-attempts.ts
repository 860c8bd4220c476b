/**
 * Guessing follow-up codes: after ten wrong codes for one reference within an hour, every further
 * attempt for that reference is refused for an hour, whatever the code. Attempts are counted per
 * reference as typed (once made canonical), whether or not a report has that reference, so the
 * throttle itself cannot tell anyone which references exist.
 *
 * Each attempt takes its place in the log before its code is checked, and gives it back if the
 * code was right: parallel guesses cannot all slip in before the first wrong one is counted.
 */
export const MAX_WRONG_ATTEMPTS = 10;
export const ATTEMPT_WINDOW_MS = 60 * 60 * 1000;
export const LOCKOUT_MS = 60 * 60 * 1000;

export interface AttemptLog {
  /** Attempts in the last hour, wrong or still being checked, as `<epoch ms>:<id>`. */
  readonly attempts: readonly string[];
  /** Until when every attempt is refused. */
  readonly lockedUntil?: string;
  readonly version: number;
}

export const EMPTY_LOG: AttemptLog = { attempts: [], version: 0 };

const timeOf = (attempt: string): number => Number(attempt.split(':', 1)[0]);

export type Admission = { readonly kind: 'admitted'; readonly log: AttemptLog; readonly attempt: string } | { readonly kind: 'locked'; readonly log: AttemptLog };

/** Lets one more attempt in, or refuses it (and locks the reference once ten are wrong). */
export const admitAttempt = (log: AttemptLog, now: Date, id: string): Admission => {
  const at = now.getTime();
  if (log.lockedUntil !== undefined && Date.parse(log.lockedUntil) > at) return { kind: 'locked', log };
  const recent = log.attempts.filter((attempt) => timeOf(attempt) > at - ATTEMPT_WINDOW_MS);
  if (recent.length >= MAX_WRONG_ATTEMPTS) {
    return { kind: 'locked', log: { attempts: recent, lockedUntil: new Date(at + LOCKOUT_MS).toISOString(), version: log.version + 1 } };
  }
  const attempt = `${at}:${id}`;
  return { kind: 'admitted', attempt, log: { attempts: [...recent, attempt], version: log.version + 1 } };
};

/** A right code: its attempt was not a wrong one, so it no longer counts. */
export const withdrawAttempt = (log: AttemptLog, attempt: string): AttemptLog => ({
  ...log,
  attempts: log.attempts.filter((a) => a !== attempt),
  version: log.version + 1,
});
