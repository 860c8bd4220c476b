/**
 * Match keys: each identifier of the person a report is about (identifiers.ts) as a keyed hash of
 * its typed normalised form, so that two reports naming the same person share a key, and what is
 * stored for matching says nothing to someone who does not hold the key. The keying is a port:
 * the domain never holds the key (the adapter computes HMAC-SHA-256 under a secret kept wrapped by
 * KMS).
 */
import { identifiersOf, type IdentifierKind, type LinkableReport } from './identifiers.ts';

/** The keyed hash of one typed normalised form (HMAC-SHA-256, base64url), and its kind. */
export interface MatchKey {
  /** Which kind of identifier it is: the scorer weighs by kind. Says nothing about the person. */
  readonly kind: IdentifierKind;
  readonly key: string;
  /** A name built on one of the commonest surnames, weighed less (identifiers.ts). */
  readonly common?: true;
}

export interface MatchKeyer {
  /** The keyed hash of each form, in order: the same form always gives the same hash. */
  keys(forms: readonly string[]): Promise<readonly string[]>;
}

/** The match keys of the person a report is about; none when it names or describes no one. */
export const matchKeysOf = async (report: LinkableReport, keyer: MatchKeyer): Promise<MatchKey[]> => {
  const identifiers = identifiersOf(report);
  if (identifiers.length === 0) return [];
  const hashes = await keyer.keys(identifiers.map((identifier) => identifier.form));
  return identifiers.map((identifier, index) => ({ kind: identifier.kind, key: hashes[index]!, ...(identifier.common ? { common: true as const } : {}) }));
};
