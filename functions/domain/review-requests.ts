/** What contact-centre staff send to the review API. */
import * as z from 'zod';
import { typedText } from './typed-text.ts';
import { CLOSURE_REASONS } from './review-state.ts';

export const MAX_REVIEW_REQUEST_BYTES = 64 * 1024;

export const forceChoiceSchema = z
  .strictObject({
    force: typedText('force', 'force must be a force id, name or alias').trim().min(1).max(200),
    reason: typedText('reason', 'reason is required: say why this force').trim().min(3).max(1_000),
  })
  .meta({ id: 'ForceChoice', title: 'The force the contact centre chooses for a contact' });

export const closureSchema = z
  .strictObject({
    reason: z.enum(CLOSURE_REASONS, { error: `reason must be one of: ${CLOSURE_REASONS.join(', ')}` }),
    note: typedText('note').trim().min(1).max(2_000).optional(),
  })
  .meta({ id: 'Closure', title: 'Closing a contact without dissemination' });

export const MAX_SPLIT_PARTS = 5;

export const splitSchema = z
  .strictObject({
    parts: z
      .array(forceChoiceSchema, { error: 'parts must be a list of { force, reason }' })
      .min(2, { error: 'a split needs at least two forces' })
      .max(MAX_SPLIT_PARTS, { error: `a contact can be split for at most ${MAX_SPLIT_PARTS} forces` }),
  })
  .meta({ id: 'Split', title: 'Dividing one contact into reports for several forces' });
