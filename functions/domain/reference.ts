/**
 * Report references: short, unambiguous and easy to read over the phone, such as PAC-7K3M-9QXD.
 * Crockford's base32 alphabet leaves out I, L, O and U so that nothing can be misheard or misread
 * as 1, 0 or a rude word. Eight symbols carry 40 random bits; uniqueness is enforced at intake by
 * reserving each reference in the store, not assumed.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SYMBOLS = 8;

export const REFERENCE_PATTERN = /^PAC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export type Reference = string & { readonly __brand: 'Reference' };

export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

const systemRandom: RandomBytes = (b) => crypto.getRandomValues(b);

/** `count` random symbols of Crockford's alphabet, each carrying 5 bits. */
export const randomSymbols = (count: number, random: RandomBytes = systemRandom): string => {
  const bytes = random(new Uint8Array(count));
  // 256 is a multiple of 32, so taking each byte modulo 32 keeps every symbol equally likely.
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
};

/** Crockford's alphabet as a character class, for patterns of references. */
export const SYMBOL_CLASS = '[0-9A-HJKMNP-TV-Z]';

/** A reference as someone typed it, upper case, without spaces or hyphens, confusions undone. */
export const typedSymbols = (typed: string): string =>
  typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');

export const newReference = (random: RandomBytes = systemRandom): Reference => {
  const symbols = randomSymbols(SYMBOLS, random);
  return `PAC-${symbols.slice(0, 4)}-${symbols.slice(4)}` as Reference;
};

/**
 * A reference as someone typed or read it back: any case, spaces or missing hyphens, and the
 * letters people confuse with digits (O for 0, I or L for 1). Undefined when it cannot be one.
 */
export const parseReference = (typed: string): Reference | undefined => {
  const symbols = typedSymbols(typed.replace(/^\s*pac/i, ''));
  const reference = `PAC-${symbols.slice(0, 4)}-${symbols.slice(4)}`;
  return REFERENCE_PATTERN.test(reference) ? (reference as Reference) : undefined;
};
