/**
 * Why a report must not reach some forces: the protected mentions found in what it says
 * (functions/domain/protected-units.ts finds them) and the forces they bar.
 */
import type { ForceId } from '../forces.ts';

export type ProtectedKind = 'unit' | 'chief-officer' | 'commissioner';

export interface ProtectedMention {
  readonly kind: ProtectedKind;
  /** The JSON Pointer of the field it was found in. */
  readonly field: string;
  /** The registry's words that matched (never the text as typed). */
  readonly term: string;
  /** The forces whose own unit or officer the words name; empty when they name every force's. */
  readonly onlyFor: readonly ForceId[];
}

/**
 * Why a report must not reach some forces: it speaks of a force's own professional standards,
 * anti-corruption or vetting unit, its chief officers or its commissioner. `from` are the forces it
 * must never reach, by any path; `mentions` say where it was found, in the registry's words.
 */
export interface Protection {
  readonly from: readonly ForceId[];
  readonly mentions: readonly ProtectedMention[];
}
