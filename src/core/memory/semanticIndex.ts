// Semantic ranking: cosine similarity between a query's embedding and each document's, exhaustively
// (tens of milliseconds for 100,000 vectors; an approximate index would only pay off far beyond
// what a person's memories reach). Vectors sit in plain arrays, scanned in order with their norms
// computed once, which is several times faster than walking a map of objects.
import { vectorNorm } from './vectorCodec';

export interface SemanticHit {
  readonly id: string;
  /** Cosine similarity, -1 to 1. */
  readonly similarity: number;
}

export class SemanticIndex {
  private readonly ids: string[] = [];
  private readonly vectors: Float32Array[] = [];
  private readonly norms: number[] = [];
  private readonly positions = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.positions.has(id);
  }

  set(id: string, vector: Float32Array): void {
    const position = this.positions.get(id);
    if (position !== undefined) {
      this.vectors[position] = vector;
      this.norms[position] = vectorNorm(vector);
      return;
    }
    this.positions.set(id, this.ids.length);
    this.ids.push(id);
    this.vectors.push(vector);
    this.norms.push(vectorNorm(vector));
  }

  delete(id: string): void {
    const position = this.positions.get(id);
    if (position === undefined) return;
    // The last entry takes the freed place, so the arrays stay dense.
    const last = this.ids.length - 1;
    if (position !== last) {
      this.ids[position] = this.ids[last];
      this.vectors[position] = this.vectors[last];
      this.norms[position] = this.norms[last];
      this.positions.set(this.ids[position], position);
    }
    this.ids.pop();
    this.vectors.pop();
    this.norms.pop();
    this.positions.delete(id);
  }

  /**
   * The `limit` most similar documents, best first, among those `accept` lets through. Vectors of
   * another length (another embedding model) are never compared.
   */
  rank(query: readonly number[], limit: number, accept?: (id: string) => boolean): SemanticHit[] {
    const queryVector = Float32Array.from(query);
    const queryNorm = vectorNorm(queryVector);
    if (queryNorm === 0 || limit <= 0) return [];
    const dimensions = queryVector.length;
    const best: SemanticHit[] = [];
    let floor = Number.NEGATIVE_INFINITY;
    for (let position = 0; position < this.ids.length; position++) {
      const vector = this.vectors[position];
      const norm = this.norms[position];
      if (vector.length !== dimensions || norm === 0) continue;
      let dot = 0;
      for (let i = 0; i < dimensions; i++) dot += queryVector[i] * vector[i];
      const similarity = dot / (queryNorm * norm);
      if (best.length === limit && similarity <= floor) continue;
      const id = this.ids[position];
      if (accept && !accept(id)) continue;
      insertSorted(best, { id, similarity }, limit);
      if (best.length === limit) floor = best[best.length - 1].similarity;
    }
    return best;
  }
}

/** Keeps `best` sorted by similarity, descending, and at most `limit` long. */
function insertSorted(best: SemanticHit[], hit: SemanticHit, limit: number): void {
  let index = best.length;
  while (index > 0 && best[index - 1].similarity < hit.similarity) index--;
  best.splice(index, 0, hit);
  if (best.length > limit) best.pop();
}
