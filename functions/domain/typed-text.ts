/**
 * Text a person typed (or pasted): any character of any script, emoji included, except those no
 * keyboard makes and that cannot be sent on: the Unicode non-characters (U+FDD0 to U+FDEF, and the
 * last two code points of every plane, U+FFFE, U+FFFF, U+1FFFE ... U+10FFFF) and halves of a
 * surrogate pair standing alone (what a JSON "\ud800" escape gives). SQS refuses them, and no
 * force's system could be trusted to show them. Every free-text field of every request schema is
 * built on this, so the refusal names the field and the character.
 */
import * as z from './zod.ts';

const UNSENDABLE = /[\p{Noncharacter_Code_Point}\p{Cs}]/u;

/** "U+FFFE", "U+1FFFF": how a code point is named in the messages. */
export const codePointName = (codePoint: number): string => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character in the text that cannot be sent, as its code point; undefined when there is none. */
export const firstUnsendable = (text: string): number | undefined => UNSENDABLE.exec(text)?.[0].codePointAt(0);

/**
 * A string schema that refuses unsendable characters with "<what> holds a character that cannot
 * be sent (U+FFFE)". Add `z.trim()`, `z.minLength()`, `z.maxLength()` and other checks to it with
 * `.check()`, as to `z.string()`.
 *
 * @param what the field as the messages name it, e.g. "narrative" or "location.description"
 * @param notText the message when the value is missing or not a string; by default "<what> must be text"
 */
export const typedText = (what: string, notText = `${what} must be text`) =>
  z.string({ error: notText }).check(
    z.superRefine((value, context) => {
      const codePoint = firstUnsendable(value);
      if (codePoint !== undefined) {
        context.addIssue({ code: 'custom', input: value, message: `${what} holds a character that cannot be sent (${codePointName(codePoint)})` });
      }
    }),
  );
