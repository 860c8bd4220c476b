/**
 * Force references, such as FR-7K3M-9QXD-2H4P: the only reference a force ever holds for a report
 * (functions/domain/force-reference.ts draws them and gives them out).
 */
import type { ForceId } from '../forces.ts';
import { SYMBOL_CLASS, type Reference } from '../reference.ts';

export type ForceReference = string & { readonly __brand: 'ForceReference' };

export const FORCE_REFERENCE_PATTERN = new RegExp(`^FR-${SYMBOL_CLASS}{4}-${SYMBOL_CLASS}{4}-${SYMBOL_CLASS}{4}$`);

/** Which report a force reference stands for, and the force it was given to. */
export interface ForceReferenceEntry {
  readonly reference: Reference;
  readonly force: ForceId;
}
