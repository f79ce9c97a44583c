// The webview's side of the protocol: says `ready`, sends requests with an id, and settles each
// request by the host's response with that id, or rejects it when none comes within the timeout.
import { type HostRequest, type HostToWebview, REQUEST_TIMEOUT_MS, requestTimeoutMs, type ResponseMessage } from '../../src/shared/webviewProtocol';
import type { VsCodeApi } from './vscodeApi';

interface Pending {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const HOST_MESSAGE_TYPES: ReadonlySet<string> = new Set<HostToWebview['type']>(['snapshot', 'updates', 'unavailable', 'response']);

/** Whether a window message looks like one of the host's (the page gets no others, but checks). */
export function isHostMessage(data: unknown): data is HostToWebview {
  return typeof data === 'object' && data !== null && HOST_MESSAGE_TYPES.has((data as { type?: unknown }).type as string);
}

export class HostConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly api: Pick<VsCodeApi, 'postMessage'>,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  ready(): void {
    this.api.postMessage({ type: 'ready' });
  }

  /** Resolves when the host did it; rejects with the host's reason, or when it does not answer in time. */
  request(request: HostRequest): Promise<void> {
    const id = this.nextId++;
    const timeoutMs = requestTimeoutMs(request, this.timeoutMs);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`The extension did not answer within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.api.postMessage({ type: 'request', id, request });
    });
  }

  /** Settles the request the response answers; a response to no pending request (it timed out) is ignored. */
  settle(response: ResponseMessage): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    clearTimeout(pending.timer);
    if (response.ok) pending.resolve();
    else pending.reject(new Error(response.error));
  }
}
