/**
 * Reports linked through others: when A may concern the same person as B, and B as C, then A, B
 * and C are shown together ("2 other reports may concern this person"). A report about an officer
 * who moved force often shares a name with one report and a collar number with another, and
 * nothing with the rest directly.
 *
 * Links join groups strongest first, and never join two groups that hold a pair of reports naming
 * people who cannot be one ("Claire Roberts" and "Matthew Roberts"): otherwise one weak link
 * ("DS Roberts, Essex") would join every Roberts in the force. Tentative links (the scorer's
 * "perhaps": a common surname in the same force) then join a group to another only when they
 * point to that one group alone: "DS Roberts, Essex" joins Claire Roberts's reports when she is
 * the only Roberts in Essex the service has heard of, and stays on its own when there are two.
 */

export interface WeighedLink<Id> {
  readonly a: Id;
  readonly b: Id;
  readonly score: number;
  /** Joins only a group it alone points to (see above). */
  readonly tentative?: boolean;
}

/** The groups of reports joined by links, each in the order first met. */
export const linkedGroups = <Id>(ids: readonly Id[], links: readonly WeighedLink<Id>[], apart: readonly (readonly [Id, Id])[] = []): Id[][] => {
  const groupOf = new Map<Id, Set<Id>>(ids.map((id) => [id, new Set([id])]));
  const ensure = (id: Id) => groupOf.get(id) ?? groupOf.set(id, new Set([id])).get(id)!;
  const kept = new Map<Id, Set<Id>>();
  for (const [a, b] of apart) {
    (kept.get(a) ?? kept.set(a, new Set()).get(a)!).add(b);
    (kept.get(b) ?? kept.set(b, new Set()).get(b)!).add(a);
  }
  const mayJoin = (left: Set<Id>, right: Set<Id>) => {
    for (const id of left) {
      const others = kept.get(id);
      if (others === undefined) continue;
      for (const other of others) if (right.has(other)) return false;
    }
    return true;
  };
  const join = (left: Set<Id>, right: Set<Id>) => {
    const [big, small] = left.size >= right.size ? [left, right] : [right, left];
    for (const id of small) {
      big.add(id);
      groupOf.set(id, big);
    }
  };
  for (const { a, b } of links.filter((link) => !link.tentative).sort((x, y) => y.score - x.score)) {
    const left = ensure(a);
    const right = ensure(b);
    if (left !== right && mayJoin(left, right)) join(left, right);
  }
  // Each group's tentative links, to the groups the firm links made: joined only when they point to one group.
  const pointsTo = new Map<Set<Id>, Set<Set<Id>>>();
  const note = (from: Set<Id>, to: Set<Id>) => {
    if (from !== to) (pointsTo.get(from) ?? pointsTo.set(from, new Set()).get(from)!).add(to);
  };
  for (const { a, b } of links.filter((link) => link.tentative)) {
    note(ensure(a), ensure(b));
    note(ensure(b), ensure(a));
  }
  // The smaller group of the two is the one that joins: it must point to the larger alone. (A
  // larger group may be pointed to by many: each could be the same person.)
  for (const [from, targets] of pointsTo) {
    if (targets.size !== 1) continue;
    const to = targets.values().next().value!;
    if (from.size > to.size || (from.size === to.size && (pointsTo.get(to)?.size ?? 0) > 1)) continue;
    const left = groupOf.get(from.values().next().value!)!;
    const right = groupOf.get(to.values().next().value!)!;
    if (left !== right && mayJoin(left, right)) join(left, right);
  }
  return [...new Set(groupOf.values())].map((group) => [...group]);
};
