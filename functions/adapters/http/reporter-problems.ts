/**
 * How the reporter's follow-up API answers: a report opened, or one answer for every reason it
 * was not (an unknown reference and a wrong code are the same answer), or the hour's refusal.
 */
import { openReport, type Opened, type ReporterPorts } from '#domain/reporter-follow-up.ts';
import { parseReference } from '#domain/reference.ts';
import type { FollowUpCode } from '#domain/follow-up-code.ts';
import type { FollowUpOutcome } from '#domain/follow-up.ts';
import { doneOrProblem, notRecognised, REPORTER_REFUSALS, tooManyAttempts } from './problem-catalogue.ts';

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
export const receivedOrProblem = <T>(outcome: FollowUpOutcome<T>): T => doneOrProblem(outcome, REPORTER_REFUSALS);
