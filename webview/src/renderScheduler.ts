// When the page is drawn: at most once per animation frame, and while events stream in, at most
// every STREAM_INTERVAL_MS (each drawing costs style, layout and paint of the whole page, and ten
// a second reads as live). What the user did is drawn in the next frame. Messages change the state
// as they arrive (the reducer is cheap and keeps it bounded); drawing picks up all of it.
export type RequestFrame = (callback: () => void) => unknown;

export const STREAM_INTERVAL_MS = 100;

export interface RenderSchedulerOptions {
  readonly requestFrame?: RequestFrame;
  /** Milliseconds, for the interval between drawings. */
  readonly now?: () => number;
}

export class RenderScheduler {
  private frameRequested = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastRender = -Infinity;
  private readonly requestFrame: RequestFrame;
  private readonly now: () => number;

  constructor(
    private readonly render: () => void,
    options: RenderSchedulerOptions = {},
  ) {
    this.requestFrame = options.requestFrame ?? ((callback) => requestAnimationFrame(callback));
    this.now = options.now ?? (() => performance.now());
  }

  /** `urgent`: the user did something; draw in the next frame rather than at the next interval. */
  schedule(urgent = false): void {
    if (this.frameRequested) return;
    const wait = this.lastRender + STREAM_INTERVAL_MS - this.now();
    if (urgent || wait <= 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.requestRender();
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.requestRender();
      }, wait);
    }
  }

  private requestRender(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.requestFrame(() => {
      this.frameRequested = false;
      this.lastRender = this.now();
      this.render();
    });
  }
}
