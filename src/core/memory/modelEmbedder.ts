// The Embedder long-term memory ranks with, from the configured model client: present only when the
// client has embeddings (an embedding model is configured), so recall falls back to lexical otherwise.
import type { ModelClient } from '../ports';
import type { Embedder } from './longTermMemory';

/** @param space The embedding model's name: vectors made by another model are never compared. */
export function embedderOf(model: ModelClient, space: string): Embedder | undefined {
  const embed = model.embed;
  if (!embed) return undefined;
  return { space, embed: (texts, signal) => embed.call(model, texts, signal) };
}
