// A page's screenshots from a design check, before and after a change and their diff, as the
// workflow's output keeps them and the command center shows them. Paths are absolute files the
// host reads; the webview gets them as data it may display.
export interface DesignScreenshot {
  /** Workspace-relative page path. */
  readonly page: string;
  readonly width: number;
  readonly before: string;
  readonly after: string;
  readonly diff: string;
  readonly differentPixels: number;
  readonly totalPixels: number;
}
