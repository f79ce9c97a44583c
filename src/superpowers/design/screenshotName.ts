// A kept screenshot's artifact name: the workflow, what it shows, the page and the width, safe as a
// file name (no extension).
export function screenshotName(workflowId: string, label: string, page: string, width: number): string {
  return `${workflowId}-${label}-${page.replace(/[^\w.-]+/g, '_')}@${width}`;
}
