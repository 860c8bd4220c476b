/**
 * Force references: the only reference a force ever holds for a report, such as
 * FR-7K3M-9QXD-2H4P. Each force that has a report gets its own, drawn at random when the report
 * is first disseminated to it, so nothing links it to the reporter's reference (PAC-…), which
 * never leaves the contact centre: a force cannot look the report up as the reporter would, nor
 * spend the reporter's follow-up attempts, and two forces that had the same report hold different
 * references for it. Twelve symbols carry 60 random bits; uniqueness is enforced by the store.
 */
import { auditEvent } from './audit.ts';
import type { ForceId } from './forces.ts';
import type { ReportStore } from './ports.ts';
import { randomSymbols, typedSymbols, type RandomBytes } from './reference.ts';
import { FORCE_REFERENCE_PATTERN, type ForceReference } from './entities/force-reference.ts';
import type { ReportRecord } from './entities/report-record.ts';
import type { ForceReferenceGiven, ReportChange } from './entities/report-change.ts';
import { isDueForNotification } from './report-record.ts';
import { TRIAGE } from './entities/routing-decision.ts';

export const newForceReference = (random?: RandomBytes): ForceReference => {
  const symbols = randomSymbols(12, random);
  return `FR-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}` as ForceReference;
};

/** A force reference as a force's system or person typed it; undefined when it cannot be one. */
export const parseForceReference = (typed: string): ForceReference | undefined => {
  const symbols = typedSymbols(typed.replace(/^\s*fr/i, ''));
  const reference = `FR-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
  return FORCE_REFERENCE_PATTERN.test(reference) ? (reference as ForceReference) : undefined;
};

/** The force's own reference for a report, if it has been given one. */
export const forceReferenceOf = (record: Pick<ReportRecord, 'forceReferences'>, force: ForceId): ForceReference | undefined => record.forceReferences?.[force];

/** A force given its own reference for a report: the report's next version holds it, and the trail says so (not what it is). */
export const forceReferenceGiven = (before: ReportRecord, force: ForceId, forceReference: ForceReference, at: Date): ForceReferenceGiven => ({
  record: { ...before, forceReferences: { ...before.forceReferences, [force]: forceReference }, version: before.version + 1 },
  event: auditEvent('force_reference_given', at, { force }),
  counters: [],
  force,
  forceReference,
});

/**
 * A change that makes a report due for a force with no reference for it yet, with that force's
 * reference given in it: sending it then needs no second write to give one. Any other change as it is.
 */
export const givingForceReference = <C extends ReportChange>(change: C, at: Date, next: () => ForceReference = newForceReference): C => {
  const { record } = change;
  const force = record.routing.destination;
  if (!isDueForNotification(record) || force === TRIAGE || forceReferenceOf(record, force) !== undefined) return change;
  const forceReference = next();
  return {
    ...change,
    record: { ...record, forceReferences: { ...record.forceReferences, [force]: forceReference } },
    referenceGiven: { force, forceReference, event: auditEvent('force_reference_given', at, { force }) },
  };
};

/**
 * The report as it stands with the force's own reference for it: the one it has, or a new one,
 * recorded before anything carrying it is sent. Safe under repeated delivery: whoever records
 * first wins, and everyone else reads theirs.
 */
export const withForceReference = async (
  store: Pick<ReportStore, 'find' | 'recordForceReference'>,
  record: ReportRecord,
  force: ForceId,
  at: Date,
  next: () => ForceReference = newForceReference,
): Promise<ReportRecord> => {
  let current = record;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (forceReferenceOf(current, force) !== undefined) return current;
    const recorded = await store.recordForceReference(current, forceReferenceGiven(current, force, next(), at));
    if (recorded !== undefined) return recorded;
    // Someone else changed the report, or (once in 2^60) the reference was taken: read and retry.
    current = (await store.find(current.reference)) ?? current;
  }
  throw new Error(`Could not give ${force} a reference for ${record.reference}`);
};

/**
 * The report a force's reference stands for, if it was given to this force: to any other force,
 * and for any reference it was not given, there is no such report.
 */
export const reportForForce = async (
  store: Pick<ReportStore, 'find' | 'findByForceReference'>,
  force: ForceId,
  typed: string,
): Promise<ReportRecord | undefined> => {
  const forceReference = parseForceReference(typed);
  if (forceReference === undefined) return undefined;
  const entry = await store.findByForceReference(forceReference);
  if (entry === undefined || entry.force !== force) return undefined;
  return store.find(entry.reference);
};
