// What every request to the HTTP API passes before it reaches a route, WebSocket upgrades included:
// the Host header names this loopback server (a DNS-rebinding page's host does not), the Origin, if
// any, is this server's own (a page on another origin is refused), the rate limit holds, and the
// bearer token is right. No CORS header is ever sent, so no other origin can read an answer.
import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { isAuthorized } from './apiToken';

export interface RateLimit {
  /** Requests allowed per window, across all callers (every caller is on this machine). */
  readonly requests: number;
  readonly windowSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { requests: 120, windowSeconds: 10 };

export type GuardRefusal = { readonly status: 401 | 403 | 429; readonly message: string; readonly headers?: Record<string, string> };

export class RequestGuard {
  private readonly limiter: RateLimiterMemory;
  private port = 0;

  constructor(
    private readonly token: string,
    rateLimit: RateLimit = DEFAULT_RATE_LIMIT,
  ) {
    this.limiter = new RateLimiterMemory({ points: rateLimit.requests, duration: rateLimit.windowSeconds });
  }

  /** The port the server listens on, once it does: Host and Origin must name it. */
  listeningOn(port: number): void {
    this.port = port;
  }

  /** Undefined when the request may go on; else the answer to send. */
  async check(request: IncomingMessage): Promise<GuardRefusal | undefined> {
    if (!this.allowedHosts().has((request.headers.host ?? '').toLowerCase())) {
      return { status: 403, message: `the Host header "${request.headers.host ?? ''}" does not name this server; only http://127.0.0.1:${this.port} is served.` };
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !this.allowedOrigins().has(origin.toLowerCase())) {
      return { status: 403, message: `requests from the origin ${origin} are refused; only this server's own origin may call it.` };
    }
    try {
      await this.limiter.consume('all');
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      return { status: 429, message: `too many requests; try again in ${seconds} s.`, headers: { 'Retry-After': String(seconds) } };
    }
    if (!isAuthorized(request.headers.authorization, this.token)) {
      return { status: 401, message: 'a bearer token is required: send "Authorization: Bearer <token>" (the token imperium serve printed, or $IMPERIUM_API_TOKEN).', headers: { 'WWW-Authenticate': 'Bearer realm="imperium"' } };
    }
    return undefined;
  }

  private allowedHosts(): Set<string> {
    return new Set([`127.0.0.1:${this.port}`, `localhost:${this.port}`]);
  }

  private allowedOrigins(): Set<string> {
    return new Set([`http://127.0.0.1:${this.port}`, `http://localhost:${this.port}`]);
  }
}
