/** What contact-centre staff send to the review API. */
import * as z from './zod.ts';
import { named } from './zod.ts';
import { typedText } from './typed-text.ts';
import { CLOSURE_REASONS } from './review-state.ts';
import { LINK_DECISIONS } from './person-links/link-decision.ts';

export const MAX_REVIEW_REQUEST_BYTES = 64 * 1024;

export const forceChoiceSchema = named(
  z.strictObject({
    force: typedText('force', 'force must be a force id, name or alias').check(z.trim(), z.minLength(1), z.maxLength(200)),
    reason: typedText('reason', 'reason is required: say why this force').check(z.trim(), z.minLength(3), z.maxLength(1_000)),
  }),
  { id: 'ForceChoice', title: 'The force the contact centre chooses for a contact' },
);

export const closureSchema = named(
  z.strictObject({
    reason: z.enum(CLOSURE_REASONS, { error: `reason must be one of: ${CLOSURE_REASONS.join(', ')}` }),
    note: z.optional(typedText('note').check(z.trim(), z.minLength(1), z.maxLength(2_000))),
  }),
  { id: 'Closure', title: 'Closing a contact without dissemination' },
);

/** A supervisor returns the sanitised version to the analysts, saying why (functions/domain/review.ts returnToAnalyst). */
export const returnSchema = named(
  z.strictObject({ reason: typedText('reason', 'reason is required: say why it goes back').check(z.trim(), z.minLength(1), z.maxLength(2_000)) }),
  { id: 'ReturnToAnalyst', title: 'Returning a sanitised contact to the analysts, with a reason' },
);

export const MAX_SPLIT_PARTS = 5;

export const splitSchema = named(
  z.strictObject({
    parts: z
      .array(forceChoiceSchema, { error: 'parts must be a list of { force, reason }' })
      .check(
        z.minLength(2, { error: 'a split needs at least two forces' }),
        z.maxLength(MAX_SPLIT_PARTS, { error: `a contact can be split for at most ${MAX_SPLIT_PARTS} forces` }),
      ),
  }),
  { id: 'Split', title: 'Dividing one contact into reports for several forces' },
);

export const personLinkDecisionSchema = named(
  z.strictObject({
    decision: z.enum(LINK_DECISIONS, { error: `decision must be one of: ${LINK_DECISIONS.join(', ')}` }),
  }),
  { id: 'PersonLinkDecision', title: 'Confirming or rejecting a suggested link between two reports about the same person' },
);
