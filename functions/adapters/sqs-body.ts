/**
 * The body of every message the service puts on SQS: JSON with every character outside printable
 * ASCII written as a \uXXXX escape. SQS refuses some characters a person can type or paste
 * (U+FFFE, U+FFFF, lone surrogates; and some emulators anything beyond U+FFFF); escaped, every
 * body is plain ASCII that any queue carries, and JSON.parse on the consumer's side gives back
 * exactly the text that was sent.
 */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7E]/g;

const escaped = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON.stringify, then every non-ASCII (or control) UTF-16 unit escaped: the same JSON value, in ASCII. */
export const sqsBody = (value: unknown): string => {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('An SQS message body must be a JSON value');
  return json.replace(NOT_PRINTABLE_ASCII, escaped);
};
