// The o200k_base tokenizer, on its own: the bundles load it from a file of its own (dist/tokenizer.js)
// the first time a token is counted, since its vocabulary is most of their size and nothing counts
// tokens before the first model call. Imports nothing of ours, so no module is loaded twice.
export { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
