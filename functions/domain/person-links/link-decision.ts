/**
 * What an analyst may decide about a suggested link (decisions.ts): on its own, so that the
 * request and response schemas that name it do not bring the matching code into every bundle.
 */
export const LINK_DECISIONS = ['confirmed', 'rejected'] as const;
export type LinkDecisionKind = (typeof LINK_DECISIONS)[number];
