// The human-readable form of a UI check, as `imperium ui-check` prints it: failures first (they
// decide the exit code), then findings that do not gate, what a person must look at, and advice.
import { gates } from '../superpowers/design/uiFinding';
import type { UiCheckReport } from '../superpowers/design/uiCheckReport';

export function formatUiCheck(report: UiCheckReport): string {
  const lines: string[] = [`${report.browserVersion}, widths ${report.widths.join(', ')} px`, ''];
  for (const page of report.pages) {
    const failing = page.findings.filter(gates);
    const other = page.findings.filter((finding) => !gates(finding));
    const times = Object.entries(page.millisecondsByWidth).map(([width, ms]) => `${width} px ${ms} ms`).join(', ');
    lines.push(`${failing.length === 0 ? '✓' : '✗'} ${page.page} (${times})`);
    for (const finding of failing) lines.push(`  ✗ ${finding.rule} [${finding.impact}] ${finding.element} at ${finding.widths.join(', ')} px`, `      ${finding.message}`);
    for (const finding of other) lines.push(`  ! ${finding.rule} [${finding.impact}] ${finding.element} at ${finding.widths.join(', ')} px`, `      ${finding.message}`);
    for (const item of page.review) lines.push(`  ? ${item.rule} ${item.element}: a person should check: ${item.message}`);
    for (const item of page.advice) lines.push(`  ~ ${item.rule} ${item.element}: ${item.message}`);
    if (page.blockedRequests.length > 0) lines.push(`  blocked ${page.blockedRequests.length} request(s) outside the page's folder or origin: ${page.blockedRequests.slice(0, 3).join(', ')}${page.blockedRequests.length > 3 ? ', …' : ''}`);
    lines.push('');
  }
  const review = report.pages.reduce((sum, page) => sum + page.review.length, 0);
  lines.push(
    report.passed
      ? `No serious or critical problem on ${report.pages.length} page(s)${review > 0 ? `; ${review} item(s) for a person to check` : ''}.`
      : `${report.failures.length} serious or critical problem(s) on ${new Set(report.failures.map((finding) => finding.page)).size} of ${report.pages.length} page(s).`,
  );
  return `${lines.join('\n')}\n`;
}
