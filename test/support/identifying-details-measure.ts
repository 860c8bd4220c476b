/**
 * Measures the identifying-details detector on the labelled corpus: recall for each kind of
 * detail, and how many decoy narratives (ones with nothing that identifies the reporter) get any
 * highlight at all. Shared by scripts/measure-identifying-details.ts and the recall test.
 *
 * The matching rule. Each label names a kind and the exact words that must be hidden (the core of
 * the detail: the number with its extension, the house number and street, the name in a sign-off,
 * the relationship in "I'm his next-door neighbour"). A label is found when one highlight of the
 * same kind starts at or before those words and ends at or after them: a highlight that reaches
 * further ("I live at 12 Acacia Avenue" for the label "12 Acacia Avenue") is fine, one that leaves
 * any of the words showing, or is of another kind, is a miss. The words are found in the narrative
 * by their only occurrence, or by the occurrence the label points at (`at`, -1 for the last).
 *
 * A false flag on a positive narrative is a highlight that overlaps no label at all; these are
 * counted per kind, for information only. A decoy counts as flagged when it gets any highlight.
 */
import type { IdentifyingDetail } from '../../functions/domain/identifying-details.ts';
import type { Label, Narrative } from '../fixtures/identifying-details-corpus.ts';

export const RECALL_FLOOR = 0.95;
export const DECOY_CEILING = 0.05;
/** The kinds held to the recall floor; the others are reported for information. */
export const FLOORED_KINDS = ['email', 'phone', 'postcode', 'address', 'self_identification'] as const;
const ALL_KINDS = [...FLOORED_KINDS, 'url', 'vehicle_registration'] as const;

export type Detector = (text: string) => readonly Pick<IdentifyingDetail, 'kind' | 'start' | 'end'>[];

export interface KindRow {
  readonly kind: string;
  readonly labelled: number;
  readonly found: number;
  /** found / labelled, or 1 when nothing is labelled. */
  readonly recall: number;
  /** Highlights of this kind on positive narratives that overlap no label. */
  readonly falseFlags: number;
}

export interface Miss {
  readonly narrative: number;
  readonly kind: string;
  readonly contains: string;
  readonly text: string;
  readonly flags: readonly string[];
}

export interface Measurement {
  readonly narratives: number;
  readonly rows: readonly KindRow[];
  readonly decoys: { readonly total: number; readonly flagged: number; readonly rate: number };
  readonly misses: readonly Miss[];
  readonly flaggedDecoys: readonly { readonly narrative: number; readonly text: string; readonly flags: readonly string[] }[];
  readonly falseFlags: readonly { readonly narrative: number; readonly flag: string }[];
}

const occurrences = (text: string, words: string): number[] => {
  const found: number[] = [];
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) found.push(at);
  return found;
};

/** Where a label's words are in its narrative, or a reason the label is unusable. */
export const locate = (text: string, label: Label): { start: number; end: number } | string => {
  if (label.contains.length === 0) return 'empty label';
  const all = occurrences(text, label.contains);
  if (all.length === 0) return `${JSON.stringify(label.contains)} is not in the text`;
  if (label.at === undefined && all.length > 1) return `${JSON.stringify(label.contains)} occurs ${all.length} times: say which with "at"`;
  const start = label.at === undefined ? all[0] : all.at(label.at);
  if (start === undefined) return `${JSON.stringify(label.contains)} has no occurrence ${label.at}`;
  return { start, end: start + label.contains.length };
};

/** Labels that cannot be located unambiguously, and kinds no one knows: the corpus must have none. */
export const corpusProblems = (corpus: readonly Narrative[]): string[] =>
  corpus.flatMap((narrative, index) =>
    narrative.expect.flatMap((label) => {
      const where = locate(narrative.text, label);
      const problems = typeof where === 'string' ? [`narrative ${index}: ${where}`] : [];
      if (!(ALL_KINDS as readonly string[]).includes(label.kind)) problems.push(`narrative ${index}: unknown kind ${label.kind}`);
      return problems;
    }),
  );

const show = (text: string, flag: { kind: string; start: number; end: number }) =>
  `${flag.kind}: ${JSON.stringify(text.slice(flag.start, flag.end))}`;

export const measure = (detect: Detector, corpus: readonly Narrative[]): Measurement => {
  const labelled = new Map<string, number>();
  const found = new Map<string, number>();
  const falseFlagCount = new Map<string, number>();
  const misses: Miss[] = [];
  const flaggedDecoys: Measurement['flaggedDecoys'][number][] = [];
  const falseFlags: Measurement['falseFlags'][number][] = [];
  let decoys = 0;

  corpus.forEach((narrative, index) => {
    const flags = detect(narrative.text);
    if (narrative.expect.length === 0) {
      decoys += 1;
      if (flags.length > 0) flaggedDecoys.push({ narrative: index, text: narrative.text, flags: flags.map((f) => show(narrative.text, f)) });
      return;
    }
    const spans: { start: number; end: number }[] = [];
    for (const label of narrative.expect) {
      const where = locate(narrative.text, label);
      if (typeof where === 'string') throw new Error(`corpus narrative ${index}: ${where}`);
      spans.push(where);
      labelled.set(label.kind, (labelled.get(label.kind) ?? 0) + 1);
      const hit = flags.some((f) => f.kind === label.kind && f.start <= where.start && f.end >= where.end);
      if (hit) found.set(label.kind, (found.get(label.kind) ?? 0) + 1);
      else {
        misses.push({
          narrative: index,
          kind: label.kind,
          contains: label.contains,
          text: narrative.text,
          flags: flags.map((f) => show(narrative.text, f)),
        });
      }
    }
    for (const flag of flags) {
      if (spans.some((s) => flag.start < s.end && flag.end > s.start)) continue;
      falseFlagCount.set(flag.kind, (falseFlagCount.get(flag.kind) ?? 0) + 1);
      falseFlags.push({ narrative: index, flag: show(narrative.text, flag) });
    }
  });

  const kinds = [...ALL_KINDS, ...[...labelled.keys(), ...falseFlagCount.keys()].filter((k) => !(ALL_KINDS as readonly string[]).includes(k))];
  const rows = [...new Set(kinds)].map((kind) => {
    const l = labelled.get(kind) ?? 0;
    const f = found.get(kind) ?? 0;
    return { kind, labelled: l, found: f, recall: l === 0 ? 1 : f / l, falseFlags: falseFlagCount.get(kind) ?? 0 };
  });
  return {
    narratives: corpus.length,
    rows,
    decoys: { total: decoys, flagged: flaggedDecoys.length, rate: decoys === 0 ? 0 : flaggedDecoys.length / decoys },
    misses,
    flaggedDecoys,
    falseFlags,
  };
};

/** One line for each floor the measurement misses; empty when it meets them all. */
export const floorsMissed = (m: Measurement): string[] => [
  ...FLOORED_KINDS.flatMap((kind) => {
    const row = m.rows.find((r) => r.kind === kind);
    if (row === undefined || row.labelled === 0) return [`${kind}: nothing labelled`];
    return row.recall < RECALL_FLOOR ? [`${kind}: recall ${percent(row.recall)} is below ${percent(RECALL_FLOOR)}`] : [];
  }),
  ...(m.decoys.rate > DECOY_CEILING ? [`decoys: ${percent(m.decoys.rate)} flagged, more than ${percent(DECOY_CEILING)}`] : []),
];

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export const formatTable = (m: Measurement): string => {
  const floored = new Set<string>(FLOORED_KINDS);
  const lines = [
    `${m.narratives} narratives, ${m.narratives - m.decoys.total} with details, ${m.decoys.total} decoys`,
    '',
    'kind                  labelled  found  recall   floor  false flags on positive narratives',
    ...m.rows.map(
      (r) =>
        `${r.kind.padEnd(20)}  ${String(r.labelled).padStart(8)}  ${String(r.found).padStart(5)}  ${percent(r.recall).padStart(6)}  ` +
        `${(floored.has(r.kind) ? (r.recall >= RECALL_FLOOR ? ' ok ' : 'MISS') : '  - ').padStart(6)}  ${String(r.falseFlags).padStart(5)}`,
    ),
    '',
    `decoys flagged        ${m.decoys.flagged} / ${m.decoys.total} (${percent(m.decoys.rate)}), ceiling ${percent(DECOY_CEILING)}: ` +
      (m.decoys.rate <= DECOY_CEILING ? 'ok' : 'MISS'),
  ];
  return lines.join('\n');
};
