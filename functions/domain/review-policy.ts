/**
 * Whether a contact must be reviewed by the contact centre before its force sees it. Review is on
 * by default in production; a stage may switch it off (the local demo), and a force may ask to
 * receive its reports as soon as they are routed. A contact no force could be chosen for is always
 * reviewed while review is on.
 */
import { forceById } from './forces.ts';
import { TRIAGE, type Destination } from './entities/routing-decision.ts';

export interface ReviewPolicy {
  readonly enabled: boolean;
  readonly exemptForces: readonly string[];
}

export const parseReviewPolicy = (mode: string, exemptForces = ''): ReviewPolicy => {
  if (mode !== 'on' && mode !== 'off') throw new Error(`Review must be "on" or "off", not "${mode}"`);
  const exempt = exemptForces.split(',').map((id) => id.trim()).filter((id) => id !== '');
  for (const id of exempt) if (forceById(id) === undefined) throw new Error(`No force "${id}" to exempt from review`);
  return { enabled: mode === 'on', exemptForces: exempt };
};

export const requiresReview = (policy: ReviewPolicy, destination: Destination): boolean =>
  policy.enabled && (destination === TRIAGE || !policy.exemptForces.includes(destination));
