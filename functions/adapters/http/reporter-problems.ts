/**
 * How the reporter's follow-up API answers: a report opened, or one answer for every reason it
 * was not (an unknown reference and a wrong code are the same answer), or the hour's refusal.
 */
import { openReport, type Opened, type ReporterPorts } from '#domain/reporter-follow-up.ts';
import { parseReference } from '#domain/reference.ts';
import type { FollowUpCode } from '#domain/follow-up-code.ts';
import type { FollowUpOutcome } from '#domain/follow-up.ts';
import { LOCKOUT_MS } from '#domain/follow-up-attempts.ts';
import { Problem } from './problem.ts';

export const notRecognised = () =>
  new Problem({
    type: '/problems/not-recognised',
    title: 'No report matches that reference and follow-up code',
    status: 404,
    detail: 'Check the reference and the follow-up code and try again.',
  });

export const tooManyAttempts = () =>
  new Problem(
    {
      type: '/problems/too-many-attempts',
      title: 'Too many attempts to open this report',
      status: 429,
      detail: 'There have been too many attempts with this reference. Try again in an hour.',
    },
    { headers: { 'Retry-After': String(LOCKOUT_MS / 1000) } },
  );

/** Opens the report named in the path with the code in the body, or throws the problem. */
export const openedOrProblem = async (
  ports: ReporterPorts & { readonly clock: () => Date },
  pathParameters: Record<string, string | undefined> | undefined,
  code: FollowUpCode,
): Promise<Opened> => {
  const reference = parseReference(pathParameters?.reference ?? '');
  if (reference === undefined) throw notRecognised();
  const opening = await openReport(ports, reference, code, ports.clock());
  if (opening.kind === 'too-many-attempts') throw tooManyAttempts();
  if (opening.kind === 'not-recognised') throw notRecognised();
  return opening;
};

/** An answer or an addition taken in, or why not. */
export const receivedOrProblem = <T>(outcome: FollowUpOutcome<T>): T => {
  if (outcome.kind === 'done') return outcome.value;
  if (outcome.refusal.kind === 'not-found') {
    throw new Problem({ type: '/problems/no-such-question', title: 'There is no such question for this report', status: 404 });
  }
  if (outcome.refusal.kind === 'wrong-state' && outcome.refusal.status === 'received') {
    throw new Problem(
      { type: '/problems/not-yet-recorded', title: 'Your report is still being recorded', status: 409, detail: 'Try again in a few minutes.' },
      { headers: { 'Retry-After': '60' } },
    );
  }
  throw new Problem({ type: '/problems/already-answered', title: 'This question has already been answered', status: 409 });
};
