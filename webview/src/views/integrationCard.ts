// The selected workflow's contract tests (integration workflow: the description, its operations,
// what failed before the client was wired, the generated client once they pass) or deployment plan
// (deploy workflow: each staged file with its status and why a person approves it, each command a
// person runs, with why; the agents ran none of them).
import type { IntegrationView } from '../../../src/shared/integrationView';
import type { PartContext } from './viewModel';

export class IntegrationCard {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private shown: IntegrationView | undefined | null = null;

  constructor(private readonly context: PartContext) {
    const { dom } = context;
    this.body = dom.el('div');
    this.element = dom.el('section', { class: 'integration card', attrs: { 'aria-label': 'Contract tests and deployment plan' } }, [dom.el('h2', {}, ['Contract tests and deployment plan']), this.body]);
  }

  render(view: IntegrationView | undefined): void {
    if (view === this.shown) return;
    this.shown = view;
    const { dom } = this.context;
    this.element.hidden = view === undefined;
    const { contract, plan } = view ?? {};
    dom.replace(this.body, [
      contract !== undefined &&
        dom.el('div', { class: 'contract' }, [
          dom.el('p', {}, [`${contract.testFile}: the contract of ${contract.spec} for ${contract.module}. `, contract.client ? `${contract.passed ?? 0} passing with the generated client ${contract.client}.` : 'Not passing yet.']),
          this.list('Operations', contract.operations),
          this.list('Failing before the client was wired (red)', contract.failingBefore),
        ]),
      plan !== undefined &&
        dom.el('div', { class: 'deployment-plan' }, [
          dom.el('p', {}, [plan.summary, ' No agent ran any of it.']),
          this.list(
            'Files (each yours to approve)',
            plan.files.map((file) => `${file.path}: ${file.status}, because ${file.whyPerson}${file.problems.length > 0 ? `; ${file.problems.join('; ')}` : ''}`),
          ),
          plan.commands.length > 0 &&
            dom.el('div', { class: 'design-notes' }, [
              dom.el('h3', {}, ['Commands you run, in order (Imperium: Run a Deployment Command types one into a terminal for you)']),
              dom.el('ol', {}, plan.commands.map((command) => dom.el('li', {}, [dom.el('code', {}, [command.command]), ` ${command.purpose} (${command.whyPerson})`]))),
            ]),
        ]),
    ]);
  }

  private list(title: string, lines: readonly string[]): HTMLElement | false {
    const { dom } = this.context;
    return lines.length > 0 && dom.el('div', { class: 'design-notes' }, [dom.el('h3', {}, [title]), dom.el('ul', {}, lines.map((line) => dom.el('li', {}, [line])))]);
  }
}
