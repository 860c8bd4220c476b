/** How the contact-centre and force APIs answer a step: what it now stands as, or why not. */
import type { FollowUpOutcome, FollowUpRefusal } from '#domain/follow-up.ts';
import type { ForceOutcome, ForceRefusal } from '#domain/force-work.ts';
import type { ReportRecord } from '#domain/entities/report-record.ts';
import { ConcurrentChange } from '#domain/ports.ts';
import { parseReference, type Reference } from '#domain/reference.ts';
import type { ReviewRefusal, StepOutcome } from '#domain/review.ts';
import { Problem, statusProblem } from './problem.ts';

export const refusalProblem = (refusal: ReviewRefusal): Problem => {
  switch (refusal.kind) {
    case 'not-awaiting-review':
      return new Problem({ type: '/problems/not-awaiting-review', title: 'This contact is not waiting for review', status: 409, detail: `It is ${refusal.status.replace(/_/g, ' ')}.` });
    case 'not-sanitised':
      return new Problem({ type: '/problems/not-sanitised', title: 'Nobody has sanitised this report yet', status: 409, detail: 'An analyst must write the sanitised version before it can be approved.' });
    case 'no-force-chosen':
      return new Problem({ type: '/problems/no-force-chosen', title: 'No force has been chosen', status: 409, detail: 'Choose the force this report goes to before approving it.' });
    case 'own-sanitisation':
      return new Problem({ type: '/problems/four-eyes', title: 'Another supervisor must approve this', status: 403, detail: 'You wrote the sanitised version of this report, so you may not approve it.' });
    case 'own-change':
      return new Problem({
        type: '/problems/four-eyes',
        title: 'Another supervisor must approve this',
        status: 403,
        detail: 'You changed what the force will receive or where it goes, so you may not approve it.',
      });
    case 'no-closure-proposed':
      return new Problem({ type: '/problems/no-closure-proposed', title: 'Nobody has proposed closing this contact', status: 409, detail: 'Propose the closure first; a supervisor who did not propose it confirms it.' });
    case 'own-proposal':
      return new Problem({ type: '/problems/four-eyes', title: 'Another supervisor must confirm this', status: 403, detail: 'You proposed closing this contact, so you may not confirm it.' });
    case 'protected-unit':
      return protectedUnitProblem(`${refusal.force}: the report speaks of its own professional standards, anti-corruption or vetting unit, or its chief officers`);
    case 'unknown-force':
      return new Problem({
        type: '/problems/unknown-force',
        title: 'No such force',
        status: 400,
        errors: [{ pointer: '/force', detail: `"${refusal.typed}" is not a force in the registry` }],
      });
    case 'same-force-twice':
      return new Problem({ type: '/problems/same-force-twice', title: 'A force is named twice', status: 400, detail: `${refusal.force} is named more than once.` });
  }
};

const protectedUnitProblem = (why: string): Problem =>
  new Problem({
    type: '/problems/protected-unit',
    title: 'This may not go to that force',
    status: 409,
    detail: `Not to ${why}. Choose a force that can handle it independently, or reword what the force will receive.`,
  });

/** The reference in the path, or 404: a malformed reference names no report. */
export const referenceFrom = (pathParameters: Record<string, string | undefined> | undefined): Reference => {
  const reference = parseReference(pathParameters?.reference ?? '');
  if (reference === undefined) throw statusProblem(404, 'Not Found', 'There is no report with that reference.');
  return reference;
};

/**
 * Runs a step; someone else changing the same thing meanwhile (the step's conditional write failed)
 * is a 409 that asks the caller to read again, whichever step it was.
 */
const concurrencySafe = async <Outcome>(step: () => Promise<Outcome>): Promise<Outcome> => {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ConcurrentChange) {
      throw new Problem({ type: '/problems/changed', title: 'Someone else changed this meanwhile', status: 409, detail: 'Read it again and retry.' });
    }
    throw error;
  }
};

/** Runs a review step and turns anything but success into the problem it is. */
export const stepOrProblem = async (step: () => Promise<StepOutcome>) => {
  const outcome = await concurrencySafe(step);
  if (outcome.kind === 'not-found') throw statusProblem(404, 'Not Found', 'There is no report with that reference.');
  if (outcome.kind === 'refused') throw refusalProblem(outcome.refusal);
  return outcome.record;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A question or answer id in the path, or 404. */
export const followUpIdFrom = (pathParameters: Record<string, string | undefined> | undefined, name: 'questionId' | 'answerId'): string => {
  const id = pathParameters?.[name] ?? '';
  if (!UUID.test(id)) throw statusProblem(404, 'Not Found', `There is no such ${name === 'questionId' ? 'question' : 'answer'}.`);
  return id;
};

export const followUpRefusalProblem = (refusal: FollowUpRefusal): Problem => {
  switch (refusal.kind) {
    case 'not-found':
      return statusProblem(404, 'Not Found', 'There is no such report, question or answer.');
    case 'wrong-state':
      return new Problem({ type: '/problems/wrong-state', title: 'Not possible at this stage', status: 409, detail: `It is ${refusal.status.replace(/_/g, ' ')}.` });
    case 'not-sanitised':
      return new Problem({ type: '/problems/not-sanitised', title: 'Nobody has sanitised this answer yet', status: 409, detail: 'An analyst must write the sanitised answer before it can be approved.' });
    case 'own-sanitisation':
      return new Problem({ type: '/problems/four-eyes', title: 'Another supervisor must approve this', status: 403, detail: 'You wrote the sanitised answer, so you may not approve it.' });
    case 'protected-unit':
      return protectedUnitProblem('the sanitised answer speaks of the own professional standards, anti-corruption or vetting unit, or chief officers, of a force that has the report');
  }
};

/** Runs a follow-up step and turns anything but success into the problem it is. */
export const followUpOrProblem = async <T>(step: () => Promise<FollowUpOutcome<T>>): Promise<T> => {
  const outcome = await concurrencySafe(step);
  if (outcome.kind === 'refused') throw followUpRefusalProblem(outcome.refusal);
  return outcome.value;
};

export const forceRefusalProblem = (refusal: ForceRefusal): Problem => {
  switch (refusal.kind) {
    case 'not-found':
      return statusProblem(404, 'Not Found', 'There is no report with that reference for your force.');
    case 'passed-on':
      return new Problem({ type: '/problems/passed-on', title: 'Your force passed this report on', status: 409, detail: 'Only the force that has it now can change it.' });
    case 'not-allowed':
      return new Problem({
        type: '/problems/lifecycle',
        title: 'Not possible at this stage',
        status: 409,
        detail: `A report that is ${refusal.from.replace(/_/g, ' ')} cannot become ${refusal.to.replace(/_/g, ' ')}.`,
      });
    case 'unknown-force':
      return new Problem({ type: '/problems/unknown-force', title: 'No such force', status: 400, errors: [{ pointer: '/force', detail: `"${refusal.typed}" is not a force in the registry` }] });
    case 'same-force':
      return new Problem({ type: '/problems/same-force', title: 'That is your own force', status: 400, errors: [{ pointer: '/force', detail: 'Choose another force to pass the report to.' }] });
  }
};

/** Runs a force's step and turns anything but success into the problem it is. */
export const forceStepOrProblem = async (step: () => Promise<ForceOutcome>): Promise<ReportRecord> => {
  const outcome = await concurrencySafe(step);
  if (outcome.kind === 'refused') throw forceRefusalProblem(outcome.refusal);
  return outcome.record;
};
