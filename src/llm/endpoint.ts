// Model endpoints: normalising a base URL and naming the secret that holds its key.
// A key is stored per endpoint origin, so a key entered for one provider is never sent to another.

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export class EndpointError extends Error {
  override readonly name = 'EndpointError';
}

/** Parses a user-supplied base URL; throws EndpointError with a message a person can act on. */
export function parseBaseUrl(input: string): URL {
  const text = input.trim();
  if (text === '') throw new EndpointError('The model base URL is empty. Set imperium.model.baseUrl.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointError(`The model base URL "${text}" is not a URL. Expected for example ${DEFAULT_BASE_URL}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EndpointError(`The model base URL must use http or https, not ${url.protocol.replace(/:$/, '')}.`);
  }
  if (url.username || url.password) {
    throw new EndpointError('The model base URL must not contain credentials; store the key with "Imperium: Set API Key".');
  }
  return url;
}

/** The SecretStorage key under which the API key for this endpoint is kept. */
export function secretNameForEndpoint(baseUrl: string): string {
  return `imperium.apiKey:${parseBaseUrl(baseUrl).origin}`;
}

/** What a person may see of a key: its last four characters, nothing more. */
export function keyFingerprint(key: string): string {
  const trimmed = key.trim();
  return trimmed.length <= 8 ? '…' : `…${trimmed.slice(-4)}`;
}

/** Checks a key someone typed or pasted; returns the message to show, or undefined when it is usable. */
export function validateApiKey(key: string): string | undefined {
  const trimmed = key.trim();
  if (trimmed === '') return 'The API key is empty.';
  if (/\s/.test(trimmed)) return 'The API key contains whitespace; paste the key alone.';
  if (trimmed.length < 8) return 'The API key is too short to be a real key.';
  return undefined;
}
