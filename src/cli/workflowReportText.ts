// A workflow's report as a person reads it on a terminal (the JSON form goes to --report).
import type { WorkflowReport } from '../runtime/workflowCatalog';

export function workflowReportText(report: WorkflowReport, options: { readonly diffs?: boolean } = {}): string {
  const lines = [`Report of ${report.workflow} workflow ${report.workflowId}: ${report.status}${report.reason ? ` (${report.reason})` : ''}`, '', `Request: ${report.request}`, ''];
  if (report.criteria.length) lines.push('Acceptance criteria:', ...report.criteria.map((c, i) => `  ${i + 1}. ${c}`), '');
  if (report.assignments.length) {
    lines.push(`Tasks (${report.assignments.length}), by agent:`);
    for (const a of report.assignments) {
      lines.push(`  ${a.agent.padEnd(14)} ${a.status.padEnd(8)} ${a.task}`);
      if (a.summary) lines.push(`  ${''.padEnd(14)} ${''.padEnd(8)} checked by ${a.checkedBy === 'own checks' ? 'its own checks' : 'the tests'}: ${a.summary.split('\n')[0]}`);
      for (const shot of a.screenshots ?? []) lines.push(`  ${''.padEnd(23)} ${shot.page} at ${shot.width} px: ${shot.differentPixels} of ${shot.totalPixels} pixels changed; before ${shot.before}, after ${shot.after}, diff ${shot.diff}`);
    }
    lines.push('');
  }
  lines.push('Phases:');
  for (const phase of report.phases) {
    lines.push(`  ${phase.phase.padEnd(9)} ${phase.status.padEnd(12)} ${seconds(phase.durationMs).padStart(7)}  ${phase.summary ?? ''}`.trimEnd());
  }
  lines.push('', `Files changed (${report.files.length}):`, ...report.files.map((f) => `  ${f.change.padEnd(9)} ${f.path}${f.notShown ? ` (${f.notShown})` : ''}`));
  if (options.diffs) lines.push('', ...report.files.map((f) => f.diff.trimEnd()));
  if (report.tests) {
    const { passed, failed, skipped } = report.tests.summary;
    lines.push('', `Tests: ${passed} passed, ${failed} failed, ${skipped} skipped (${report.tests.outcome})`, ...report.tests.failures.map((f) => `  FAILED ${f.id}: ${(f.message ?? '').split('\n')[0]}`));
  }
  if (report.confinement?.length) lines.push('', ...report.confinement.map((note) => `Test runs: ${note}`));
  if (!report.confinement?.length) lines.push('');
  lines.push(`Network: ${report.network}.`);
  if (report.verdicts.length) {
    lines.push('', 'Board verdicts:');
    for (const v of report.verdicts) lines.push(`  ${v.subject.padEnd(6)} ${v.title.padEnd(13)} ${v.decision.padEnd(15)} ${v.summary.split('\n')[0]}${v.source === 'checks' ? ' [automatic checks]' : ''}`);
  }
  if (report.healing.length) {
    lines.push('', `Self-healing (${report.healing.length} step${report.healing.length === 1 ? '' : 's'}):`);
    for (const h of report.healing) lines.push(`  ${h.action.padEnd(14)} ${h.failure.padEnd(11)} ${(h.step ?? '').padEnd(10)} ${h.summary.split('\n')[0]}`.trimEnd());
  }
  if (report.learned.length) {
    lines.push('', 'Learned (kept in long-term memory):', ...report.learned.map((l) => `  ${l.kind.padEnd(10)} ${l.scope.padEnd(9)} ${l.title}`));
  }
  if (report.skills.length) {
    lines.push('', 'Skills the agents used:', ...report.skills.map((s) => `  ${s.name.padEnd(20)} ${s.sourceLabel.padEnd(18)} sha256 ${s.contentHash.slice(0, 12)}  by ${s.agents.join(', ')}${s.files.length ? `; read ${s.files.join(', ')}` : ''}${s.ran.length ? `; ran ${s.ran.join(', ')} (approved, confined)` : ''}`));
  }
  lines.push('', 'Tokens and cost per agent:');
  for (const u of report.usage) lines.push(`  ${u.agent.padEnd(14)} ${String(u.calls).padStart(3)} calls ${String(u.promptTokens).padStart(8)} prompt ${String(u.completionTokens).padStart(7)} completion  ${cost(u.costUsd)}`);
  lines.push(`  ${'total'.padEnd(14)}           ${String(report.totals.promptTokens).padStart(8)} prompt ${String(report.totals.completionTokens).padStart(7)} completion  ${cost(report.totals.costUsd)}`);
  lines.push('', totalLine(report));
  return `${lines.join('\n')}\n`;
}

/** The run in one line: how long it took, the tokens it used and what they cost. */
export function totalLine(report: Pick<WorkflowReport, 'durationMs' | 'totals'>): string {
  const tokens = report.totals.promptTokens + report.totals.completionTokens;
  const spent = report.totals.costUsd === undefined ? 'cost unknown: no price for this model (--prices or imperium.model.prices sets one)' : cost(report.totals.costUsd);
  return `Total: ${seconds(report.durationMs)}, ${tokens.toLocaleString('en')} tokens, ${spent}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function cost(usd: number | undefined): string {
  return usd === undefined ? 'no price' : `$${usd.toFixed(4)}`;
}
