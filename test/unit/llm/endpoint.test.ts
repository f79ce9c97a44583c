import * as assert from 'node:assert/strict';
import { EndpointError, keyFingerprint, parseBaseUrl, secretNameForEndpoint, validateApiKey } from '../../../src/llm/endpoint';

describe('model endpoint', () => {
  it('names the secret by the endpoint origin, so paths and trailing slashes share one key', () => {
    assert.equal(secretNameForEndpoint('https://api.openai.com/v1'), 'imperium.apiKey:https://api.openai.com');
    assert.equal(secretNameForEndpoint(' https://api.openai.com/v1/ '), 'imperium.apiKey:https://api.openai.com');
  });

  it('keeps keys of different hosts and ports apart', () => {
    assert.notEqual(secretNameForEndpoint('http://127.0.0.1:11434/v1'), secretNameForEndpoint('http://127.0.0.1:1234/v1'));
    assert.notEqual(secretNameForEndpoint('https://a.example/v1'), secretNameForEndpoint('https://b.example/v1'));
  });

  it('rejects what is not an http(s) URL, with a message that says what to fix', () => {
    assert.throws(() => parseBaseUrl(''), EndpointError);
    assert.throws(() => parseBaseUrl('api.openai.com'), /not a URL/);
    assert.throws(() => parseBaseUrl('file:///etc/passwd'), /http or https/);
    assert.throws(() => parseBaseUrl('https://user:secret@host/v1'), /credentials/);
  });

  it('shows only the last four characters of a key, and nothing of a short one', () => {
    assert.equal(keyFingerprint('sk-test-1234abcd'), '…abcd');
    assert.equal(keyFingerprint('short'), '…');
  });

  it('validates keys before they are stored', () => {
    assert.equal(validateApiKey('sk-test-1234abcd'), undefined);
    assert.match(validateApiKey('   ') ?? '', /empty/);
    assert.match(validateApiKey('sk-test 1234') ?? '', /whitespace/);
    assert.match(validateApiKey('abc') ?? '', /too short/);
  });
});
