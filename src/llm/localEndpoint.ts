// Whether an endpoint runs on this machine, where servers such as Ollama, LM Studio and vLLM
// usually take no API key.
import { isIP } from 'node:net';
import { parseBaseUrl } from './endpoint';

export function isLoopbackEndpoint(baseUrl: string): boolean {
  const host = parseBaseUrl(baseUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}
