/**
 * The differences between a reporter's words and the sanitised version a supervisor is asked to
 * approve, word by word: what was kept, what was removed, what was added. Pure, computed on the
 * server, so the approval screen shows them without any script.
 *
 * A placeholder ("[name or description removed]"), or any other short phrase in square brackets on
 * one line, is one token: it is removed or added whole, never matched word by word against the
 * words it stands for ("My name is…"). Words are runs of letters and digits (with the apostrophes
 * and hyphens inside them); spaces are runs of white space; every other character is a token of
 * its own. The diff is the longest common subsequence of tokens; where a text is too long
 * for that to be cheap (more than MAX_CELLS token pairs after the common start and end), the middle
 * is shown as removed and added whole: still exactly the two texts, only less finely marked.
 */

type DiffPartKind = 'kept' | 'removed' | 'added';

export interface DiffPart {
  readonly kind: DiffPartKind;
  readonly text: string;
}

/** The most token pairs compared: 16 MB of table, about 2,000 tokens (5,000 characters) changed on each side. */
export const MAX_CELLS = 4_000_000;

/** A bracketed phrase of up to 100 characters (far longer than any placeholder the service writes), a word, a run of spaces, any other character. */
const TOKEN = /\[[^[\]\r\n]{1,100}\]|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|\s+|[^]/gu;

export const tokens = (text: string): string[] => text.match(TOKEN) ?? [];

/** Adds a part, joined to the last when it is of the same kind; an empty text adds nothing. */
const push = (parts: DiffPart[], kind: DiffPartKind, text: string): void => {
  if (text === '') return;
  const last = parts.at(-1);
  if (last?.kind === kind) parts[parts.length - 1] = { kind, text: last.text + text };
  else parts.push({ kind, text });
};

/**
 * The differences from `before` to `after`: joining the kept and removed parts gives `before`,
 * the kept and added parts `after`; no two parts in a row are of the same kind, and a removal
 * comes before the addition that replaces it.
 */
export const wordDiff = (before: string, after: string): DiffPart[] => {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const parts: DiffPart[] = [];
  push(parts, 'kept', a.slice(0, start).join(''));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  if (middleA.length * middleB.length > MAX_CELLS) {
    push(parts, 'removed', middleA.join(''));
    push(parts, 'added', middleB.join(''));
  } else {
    for (const part of commonSubsequenceDiff(middleA, middleB)) push(parts, part.kind, part.text);
  }
  push(parts, 'kept', a.slice(endA).join(''));
  return regroup(parts);
};

/** The classic table of common-subsequence lengths, read from the start: a removal before an addition. */
const commonSubsequenceDiff = (a: readonly string[], b: readonly string[]): DiffPart[] => {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // lengths[i * width + j]: the longest common subsequence of a[i..] and b[j..].
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      push(parts, 'kept', a[i]!);
      i += 1;
      j += 1;
    } else if (j >= m || (i < n && lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!)) {
      push(parts, 'removed', a[i]!);
      i += 1;
    } else {
      push(parts, 'added', b[j]!);
      j += 1;
    }
  }
  return parts;
};

/**
 * Puts each run of changes between two kept parts in the order removed, then added, joined, so a
 * replacement reads as one: "[removed: Jo Bloggs][added: the reporter]". Spaces alone between two
 * changes are taken into both, not shown as kept: "Jo Bloggs" → "[name removed]" is one change,
 * not two.
 */
const regroup = (parts: readonly DiffPart[]): DiffPart[] => {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    push(out, 'removed', removed);
    push(out, 'added', added);
    removed = '';
    added = '';
  };
  for (const [index, part] of parts.entries()) {
    const between = (removed !== '' || added !== '') && parts[index + 1] !== undefined && parts[index + 1]!.kind !== 'kept';
    if (part.kind === 'kept' && between && /^\s+$/u.test(part.text)) {
      removed += part.text;
      added += part.text;
    } else if (part.kind === 'kept') {
      flush();
      push(out, 'kept', part.text);
    } else if (part.kind === 'removed') removed += part.text;
    else added += part.text;
  }
  flush();
  return out;
};

/** The text on one side: `before` from the kept and removed parts, `after` from the kept and added. */
export const sideOf = (parts: readonly DiffPart[], side: 'before' | 'after'): string =>
  parts
    .filter((part) => part.kind === 'kept' || part.kind === (side === 'before' ? 'removed' : 'added'))
    .map((part) => part.text)
    .join('');
