/**
 * Routing: which force a report goes to, which rule decided, and why, in words a contact-centre
 * analyst or a force's anti-corruption unit can read. Pure: the same report on the same day is
 * always routed the same way.
 */
import { findForce, type Force, type ForceId } from './forces.ts';
import type { ReportSubmission } from './report.ts';

/** The national triage queue, handled by the contact centre, for reports no force can be chosen for. */
export const TRIAGE = 'triage';
export type Destination = ForceId | typeof TRIAGE;

export type RoutingRule = 'subject-force' | 'named-force' | 'not-yet-joined' | 'no-force-identified' | 'contact-centre';

export interface RoutingDecision {
  readonly destination: Destination;
  readonly rule: RoutingRule;
  readonly reason: string;
  /** Forces the report might belong to when it went to triage; empty otherwise. */
  readonly candidates: readonly ForceId[];
}

const NOT_KNOWN = new Set(['unknown', 'not known', 'dont know', "don't know", 'do not know', 'not sure']);

const named = (typed: string | undefined): { typed: string; force: Force | undefined } | undefined => {
  if (typed === undefined || NOT_KNOWN.has(typed.trim().toLowerCase())) return undefined;
  return { typed, force: findForce(typed) };
};

/**
 * Decides where a report goes, in order: the force that employs the person it is about; the force
 * the reporter named for where it happened; otherwise triage. A force that had not joined the
 * service on the day the report was received does not receive it: it waits in triage.
 */
export const routeReport = (report: ReportSubmission, receivedAt: string): RoutingDecision => {
  const employer = named(report.subject?.force);
  const concerned = named(report.force);
  const choice =
    employer?.force !== undefined
      ? { force: employer.force, rule: 'subject-force' as const, why: `the person reported works for ${employer.force.name} ("${employer.typed}")` }
      : concerned?.force !== undefined
        ? { force: concerned.force, rule: 'named-force' as const, why: `the reporter named ${concerned.force.name} ("${concerned.typed}")` }
        : undefined;

  if (choice === undefined) {
    const unrecognised = [employer, concerned].filter((n) => n !== undefined).map((n) => `"${n.typed}"`);
    return {
      destination: TRIAGE,
      rule: 'no-force-identified',
      reason:
        unrecognised.length > 0
          ? `no force could be identified: ${unrecognised.join(' and ')} did not name a force in the registry`
          : 'the reporter did not name a force',
      candidates: [],
    };
  }

  const day = receivedAt.slice(0, 10);
  if (day < choice.force.joinedService) {
    return {
      destination: TRIAGE,
      rule: 'not-yet-joined',
      reason: `${choice.why}, but ${choice.force.name} joined the service on ${choice.force.joinedService}`,
      candidates: [choice.force.id],
    };
  }
  return { destination: choice.force.id, rule: choice.rule, reason: choice.why, candidates: [] };
};
