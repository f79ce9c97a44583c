// A workflow's browser checks as the command center shows them: each finding the checks made on
// its pages (failing before the change, fixed once the checks passed), what they could not decide,
// their advice, and each page's screenshots before and after the change with their diff. The host
// reads the screenshots from the workflow's kept files and sends them as PNG data URIs.
export interface DesignFindingView {
  /** One finding in words: page, rule, impact, element, widths and axe's message. */
  readonly text: string;
  readonly status: 'failing' | 'fixed';
}

export interface DesignShotView {
  readonly page: string;
  readonly width: number;
  /** `data:image/png;base64,...`; absent when the file is gone or too large to show (then `note` says which). */
  readonly before?: string;
  readonly after?: string;
  readonly diff?: string;
  /** Absent until the change's screenshots are taken. */
  readonly differentPixels?: number;
  readonly totalPixels?: number;
  readonly note?: string;
}

export interface DesignChecksView {
  /** Who was held to the checks: the design workflow, or DesignBot within a feature workflow. */
  readonly source: 'design workflow' | 'DesignBot';
  readonly findings: readonly DesignFindingView[];
  readonly undecided: readonly string[];
  readonly advice: readonly string[];
  readonly screenshots: readonly DesignShotView[];
}

/** A workflow's browser checks now, replacing what was known. */
export interface WorkflowDesignChecks {
  readonly type: 'design-checks';
  readonly workflowId: string;
  readonly checks: DesignChecksView;
}

/** Only what the command center may put in an <img>: a base64 PNG. */
export const PNG_DATA_URI = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;
