// The bearer token every request to the HTTP API must carry: IMPERIUM_API_TOKEN when set, else one
// generated for this server's life. Compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_TOKEN_ENV = 'IMPERIUM_API_TOKEN';
/** Shorter tokens are refused: a guessable token would make the API an open door. */
export const MIN_TOKEN_LENGTH = 16;

export class ApiTokenError extends Error {
  override readonly name = 'ApiTokenError';
}

export interface ApiToken {
  readonly value: string;
  /** Whether it was generated (and must be shown to the user) rather than given. */
  readonly generated: boolean;
}

export function resolveApiToken(given: string | undefined): ApiToken {
  if (given === undefined || given === '') return { value: randomBytes(32).toString('base64url'), generated: true };
  if (given.length < MIN_TOKEN_LENGTH) throw new ApiTokenError(`${API_TOKEN_ENV} is ${given.length} characters long; use at least ${MIN_TOKEN_LENGTH} (or unset it to have one generated).`);
  if (!/^[\x21-\x7e]+$/.test(given)) throw new ApiTokenError(`${API_TOKEN_ENV} may hold only printable ASCII characters without spaces.`);
  return { value: given, generated: false };
}

/** Whether an Authorization header carries this token as a bearer token. */
export function isAuthorized(header: string | undefined, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}
