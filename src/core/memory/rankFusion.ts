// Hybrid ranking by reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each list
// gives a document 1 / (k + rank), and the sums decide. Ranks, not scores, are fused, because BM25
// scores and cosine similarities are on scales that cannot be compared.

/** The constant from the paper: large enough that the top few ranks of one list do not dominate. */
export const RRF_K = 60;

export interface FusedHit {
  readonly id: string;
  readonly score: number;
  /** 1-based rank in each list the document appears in, by list name. */
  readonly ranks: Readonly<Record<string, number>>;
}

/** Fuses ranked id lists (best first) into one, best first; ties keep the order of first appearance. */
export function fuseRanks(lists: Readonly<Record<string, readonly string[]>>, k: number = RRF_K): FusedHit[] {
  const fused = new Map<string, { score: number; ranks: Record<string, number>; order: number }>();
  for (const [name, ids] of Object.entries(lists)) {
    ids.forEach((id, index) => {
      let hit = fused.get(id);
      if (!hit) fused.set(id, (hit = { score: 0, ranks: {}, order: fused.size }));
      hit.score += 1 / (k + index + 1);
      hit.ranks[name] = index + 1;
    });
  }
  return [...fused.entries()].sort(([, a], [, b]) => b.score - a.score || a.order - b.order).map(([id, hit]) => ({ id, score: hit.score, ranks: hit.ranks }));
}
