// The Superpowers section: the skills agents may load, where each comes from and what code it
// brings, which ones the workflow on show used, and the ones rejected, clashing or not read, with why.
import type { WorkflowView } from '../../../src/shared/dashboardState';
import type { SuperpowersView } from '../../../src/shared/superpowers';
import { setAttribute } from '../dom';
import type { PartContext } from './viewModel';

export class SuperpowersCard {
  readonly element: HTMLElement;
  private readonly note: HTMLElement;
  private readonly used: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly problems: HTMLUListElement;
  private shown: { superpowers?: SuperpowersView; used?: readonly string[]; workflowId?: string } = {};

  constructor(private readonly context: PartContext) {
    const { dom } = context;
    this.note = dom.el('p', { class: 'empty' }, ['Waiting for the extension…']);
    this.used = dom.el('p', { class: 'skills-used' });
    this.list = dom.el('ul', { class: 'skill-list', attrs: { 'aria-label': 'Loaded skills' } });
    this.problems = dom.el('ul', { class: 'skill-problems', attrs: { 'aria-label': 'Skills not loaded' } });
    this.element = dom.el('section', { class: 'superpowers card', attrs: { 'aria-label': 'Superpowers' } }, [
      dom.el('h2', {}, ['Superpowers']),
      this.note,
      this.used,
      this.list,
      this.problems,
    ]);
  }

  render(superpowers: SuperpowersView | undefined, workflow: WorkflowView | undefined): void {
    const used = workflow?.skills;
    if (superpowers === this.shown.superpowers && used === this.shown.used && workflow?.id === this.shown.workflowId) return;
    this.shown = { superpowers, used, workflowId: workflow?.id };
    const { dom } = this.context;
    setAttribute(this.note, 'hidden', superpowers !== undefined && superpowers.loaded.length > 0);
    if (superpowers?.loaded.length === 0) this.note.textContent = 'No skill is loaded.';
    const usedText = workflow === undefined ? '' : used?.length ? `${workflow.id} used: ${used.join(', ')}` : `${workflow.id} has used no skill yet.`;
    this.used.textContent = usedText;
    setAttribute(this.used, 'hidden', usedText === '');
    const usedNames = new Set(used ?? []);
    dom.replace(
      this.list,
      (superpowers?.loaded ?? []).map((skill) =>
        dom.el('li', { class: `skill skill-${skill.source}${usedNames.has(skill.name) ? ' skill-used' : ''}`, attrs: { title: skill.description } }, [
          dom.el('div', { class: 'skill-head' }, [
            dom.icon(skill.code.length > 0 ? 'zap' : 'book'),
            dom.el('strong', {}, [` ${skill.name}`]),
            dom.el('span', { class: 'muted' }, [` · ${skill.sourceLabel}${usedNames.has(skill.name) ? ' · used' : ''}`]),
          ]),
          dom.el('p', { class: 'skill-description' }, [skill.description]),
          skill.code.length > 0 && dom.el('p', { class: 'skill-code muted' }, [`Brings code: ${skill.code.join(', ')}`]),
        ]),
      ),
    );
    const problems = [
      ...(superpowers?.rejected ?? []).map((skill) => ({ icon: 'error', text: `${skill.name} (${skill.sourceLabel}) not loaded: ${skill.reason}` })),
      ...(superpowers?.clashes ?? []).map((clash) => ({ icon: 'warning', text: `${clash.name}: kept from ${clash.keptFrom}; not loaded from ${clash.alsoIn.join(', ')}` })),
      ...(superpowers?.skipped ?? []).map((text) => ({ icon: 'shield', text })),
    ];
    dom.replace(
      this.problems,
      problems.map((problem) => dom.el('li', { class: 'skill-problem' }, [dom.icon(problem.icon), ` ${problem.text}`])),
    );
  }
}
