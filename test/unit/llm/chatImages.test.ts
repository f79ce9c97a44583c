// Images go to the model only as a user message's PNG data URIs, as Chat Completions content parts
// after the text; a message without images stays plain text.
import * as assert from 'node:assert/strict';
import { toChatParams } from '../../../src/llm/chatCompletionsFormat';

describe('images in a chat request', () => {
  it('sends a user message with images as its text then one image_url part per image', () => {
    const params = toChatParams({ role: 'product-owner', messages: [{ role: 'system', content: 'advise' }, { role: 'user', content: 'What failed', images: ['data:image/png;base64,AAAA'] }] }, 'm', 'max_tokens');
    assert.deepEqual(params.messages, [
      { role: 'system', content: 'advise' },
      { role: 'user', content: [{ type: 'text', text: 'What failed' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
    ]);
  });

  it('keeps a user message without images as plain text', () => {
    assert.deepEqual(toChatParams({ role: 'codebot', messages: [{ role: 'user', content: 'x', images: [] }] }, 'm', 'max_tokens').messages, [{ role: 'user', content: 'x' }]);
  });
});
