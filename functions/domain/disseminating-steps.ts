/**
 * The steps that reach a force, decided and carried out whole: a supervisor's approval of a report
 * or an answer, a force's transfer of a report to another force, and an operator's release of a
 * report held until its force joined. Each decides (two people, the
 * lifecycle, protected units), records the decision, and disseminates what it decided. Each can be
 * repeated after a failure part-way: a decision already recorded is finished, not refused, and the
 * messages it sends carry the same deduplication ids.
 */
import type { Answer } from './entities/follow-up.ts';
import type { ReportRecord } from './entities/report-record.ts';
import type { ReportChange } from './entities/report-change.ts';
import { dueFrom } from './report-record.ts';
import { done, type StepResult } from './entities/step-result.ts';
import { disseminate, type DisseminationPorts } from './dissemination.ts';
import { answerStep, approveAnswer, disseminateAnswer, holdersOf, protectedFor, referencesForeignToHolders, type FollowUpDisseminationPorts, type FollowUpOutcome } from './follow-up.ts';
import { findForce } from './forces.ts';
import { givingForceReference, reportForForce } from './force-reference.ts';
import { forceStep, releaseToJoinedForce, transfer, unfinishedTransferBy, type ForceOutcome } from './force-work.ts';
import type { FollowUpStore } from './ports.ts';
import type { Reference } from './reference.ts';
import { approve, reviewStep, type ReviewOutcome } from './review.ts';

/**
 * A step's change, its report stamped with when it became due if the step makes it due
 * (report-record.ts dueFrom), and its force given its own reference in it if it has none yet.
 */
const due = <R extends { readonly kind: string }>(step: StepResult<ReportChange, R>, at: Date): StepResult<ReportChange, R> =>
  step.kind === 'done' ? done(givingForceReference(dueFrom(step.value, at), at)) : step;

/** Disseminates what the step produced, when it was done. */
const thenDisseminate = async <R extends { readonly kind: string }>(
  ports: DisseminationPorts,
  step: StepResult<ReportRecord, R>,
): Promise<StepResult<ReportRecord, R>> => (step.kind === 'done' ? done((await disseminate(ports, step.value)).record) : step);

/** A supervisor approves a sanitised report, and its force's queue receives it. */
export const approveReport = async (ports: DisseminationPorts, reference: Reference, by: string): Promise<ReviewOutcome> => {
  const recorded = await ports.store.find(reference);
  // An approval whose dissemination did not finish is finished, not refused.
  const now = ports.clock();
  const approved = recorded?.status === 'approved' ? done(recorded) : await reviewStep(ports.store, reference, (contact) => due(approve(contact, by, now), now));
  return thenDisseminate(ports, approved);
};

/**
 * A force passes a report it has to another force, which receives it (or the contact centre holds
 * it, when that force may not or cannot receive it yet).
 */
export const transferReport = async (ports: DisseminationPorts, force: string, forceReference: string, receiving: string, reason: string): Promise<ForceOutcome> => {
  const receivingId = findForce(receiving)?.id ?? '';
  const recorded = await reportForForce(ports.store, force, forceReference);
  // A transfer to the same force whose notification did not go out is finished, not refused.
  const unfinished =
    recorded !== undefined &&
    unfinishedTransferBy(recorded, force) &&
    (recorded.routing.destination === receivingId || recorded.routing.candidates.includes(receivingId));
  const now = ports.clock();
  const moved = unfinished ? done(recorded) : await forceStep(ports.store, force, forceReference, (found) => due(transfer(found, force, receiving, reason, now), now));
  return thenDisseminate(ports, moved);
};

/**
 * A supervisor, never the analyst who sanitised it, approves a reporter's answer or added
 * information, and the forces that have the report receive it. Not while it speaks of the own
 * professional standards or chief officers of a force that has the report.
 */
export const approveAnswerFor = async (
  ports: FollowUpDisseminationPorts & { readonly followUps: FollowUpStore },
  reference: Reference,
  answerId: string,
  by: string,
): Promise<FollowUpOutcome<Answer>> => {
  const recorded = await ports.followUps.findAnswer(reference, answerId);
  if (recorded?.status === 'approved') return done(await disseminateAnswer(ports, recorded));
  // The report and its parts read once, for both checks of what would reach their forces.
  const holders = recorded === undefined ? [] : await holdersOf(ports.reports, recorded);
  const approved = await answerStep(ports.followUps, reference, answerId, (found) =>
    approveAnswer(found, by, ports.clock(), protectedFor(holders, found), referencesForeignToHolders(holders, found.sanitised?.text ?? '')),
  );
  return approved.kind === 'done' ? done(await disseminateAnswer(ports, approved.value)) : approved;
};

/**
 * An operator releases a report held in triage to its force, once that force has joined the
 * service (releaseToJoinedForce decides), and the force receives it. Undefined, with nothing
 * changed, while it must still wait.
 */
export const releaseHeld = async (ports: DisseminationPorts, record: ReportRecord, by: string): Promise<ReportRecord | undefined> => {
  const now = ports.clock();
  const released = releaseToJoinedForce(record, by, now);
  if (released === undefined) return undefined;
  const change = givingForceReference(dueFrom(released, now), now);
  await ports.store.recordChange(record, change);
  return (await disseminate(ports, change.record)).record;
};
