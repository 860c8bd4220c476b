/**
 * Where a report is going and why: the router's decision (functions/domain/routing.ts), or the
 * contact centre's, or a force's transfer.
 */
import type { ForceId } from '../forces.ts';
import type { Protection } from './protection.ts';

/** The national triage queue, handled by the contact centre, for reports no force can be chosen for. */
export const TRIAGE = 'triage';
export type Destination = ForceId | typeof TRIAGE;

export type RoutingRule =
  /** The force that employs the person reported, as the reporter named it. */
  | 'subject-force'
  /** The force the reporter named for where it happened. */
  | 'named-force'
  /** The force whose area holds the place's postcode. */
  | 'postcode'
  /** Triage: the place's postcode lies in more than one force's area; the candidates are those forces. */
  | 'postcode-candidates'
  /** Triage: the report is about the chosen force's own professional standards or anti-corruption unit, or its chief officers. */
  | 'protected-unit'
  /** Triage: the chosen force had not joined the service on the day the report was received. */
  | 'not-yet-joined'
  | 'no-force-identified'
  /** Chosen by the contact centre on review. */
  | 'contact-centre'
  /** Passed on by the force that had it to another force (functions/domain/force-work.ts). */
  | 'transferred'
  | 'released';

export interface RoutingDecision {
  readonly destination: Destination;
  readonly rule: RoutingRule;
  readonly reason: string;
  /** Forces the report might belong to when it went to triage; empty otherwise. */
  readonly candidates: readonly ForceId[];
  /** Set when the report speaks of a protected unit: it is then always reviewed. */
  readonly protection?: Protection;
}
