// How long a server asked us to wait before trying again, from its response headers.

/**
 * Milliseconds to wait, from `retry-after-ms` (OpenAI and Azure send it, finer than a second) or
 * `Retry-After` (delay-seconds or an HTTP date, RFC 9110 §10.2.3); undefined when neither is present
 * or readable. A date in the past means "now" (0).
 */
export function retryAfterMs(headers: Headers | undefined, now: number): number | undefined {
  if (!headers) return undefined;
  const milliseconds = parseNonNegativeNumber(headers.get('retry-after-ms'));
  if (milliseconds !== undefined) return Math.ceil(milliseconds);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = parseNonNegativeNumber(value);
  if (seconds !== undefined) return Math.ceil(seconds * 1000);
  // Every HTTP date form starts with the day's name; Date.parse alone would take "-5" as a year.
  const date = /^[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseNonNegativeNumber(text: string | null): number | undefined {
  if (text === null || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}
