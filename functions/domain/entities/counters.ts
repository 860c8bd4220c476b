/**
 * The statistics the service keeps: exact counters per destination and month, moved in the same
 * write as the change they count (functions/domain/statistics.ts says when each one moves).
 */
import type { Destination } from './routing-decision.ts';

export const COUNTERS = [
  'contacts_online',
  'contacts_phone',
  'passed_to_force',
  'closed',
  'investigations_opened',
  'passed_to_other_forces',
  'no_further_action',
] as const;
export type Counter = (typeof COUNTERS)[number];

export interface CounterIncrement {
  readonly destination: Destination;
  /** yyyy-mm, UTC. */
  readonly month: string;
  readonly counter: Counter;
}
