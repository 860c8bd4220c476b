/**
 * Statistics: exact counters per destination and month, changed in the same write as the state
 * change they count, so a retried step can never count twice.
 *
 * - a contact is counted when it is received, against the force it was first routed to (or triage),
 *   by channel;
 * - "passed to the force" is counted when a report is disseminated to a force;
 * - a closure is counted when the contact centre closes a contact without dissemination.
 */
import type { ReportRecord } from './entities/report-record.ts';
import type { CounterIncrement } from './entities/counters.ts';
import { TRIAGE } from './entities/routing-decision.ts';

export const monthOf = (at: string): string => at.slice(0, 7);

export const contactCounted = (record: ReportRecord): CounterIncrement => ({
  destination: record.routing.destination,
  month: monthOf(record.receivedAt),
  counter: record.channel === 'phone' ? 'contacts_phone' : 'contacts_online',
});

export const disseminationCounted = (record: ReportRecord, at: string): CounterIncrement[] =>
  record.routing.destination === TRIAGE ? [] : [{ destination: record.routing.destination, month: monthOf(at), counter: 'passed_to_force' }];

export const closureCounted = (record: ReportRecord, at: string): CounterIncrement => ({
  destination: record.routing.destination,
  month: monthOf(at),
  counter: 'closed',
});
