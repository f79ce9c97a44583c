// Deterministic embeddings for the scripted server: a hashed bag of words and of the words'
// character trigrams, L2-normalised. Texts that share words (or word stems) get close vectors, so
// retrieval code can be tested for real without a model.

const TRIGRAM_WEIGHT = 0.5;

/** The embedding of `text`, `dimensions` long; all zeros when it has no word at all. */
export function embedText(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []) {
    add(vector, `w:${word}`, 1);
    const padded = `^${word}$`;
    for (let start = 0; start + 3 <= padded.length; start++) add(vector, `t:${padded.slice(start, start + 3)}`, TRIGRAM_WEIGHT);
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => value / norm);
}

/** The vector as the API's base64 encoding: little-endian float32s. */
export function toBase64(vector: readonly number[]): string {
  const floats = new Float32Array(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

// Signed feature hashing: the sign, from another bit of the hash, keeps collisions from only adding up.
function add(vector: number[], feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const index = hash % vector.length;
  vector[index] = (vector[index] ?? 0) + (hash & 0x80000000 ? -weight : weight);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
