// The selected workflow's browser checks: each finding (failing before the change, fixed once the
// checks passed), what the checks could not decide, their advice, and each page's screenshots at
// each width before and after the change with the diff between them.
import { type DesignChecksView, type DesignShotView, PNG_DATA_URI } from '../../../src/shared/designChecksView';
import type { PartContext } from './viewModel';

export class DesignChecksCard {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private shown: DesignChecksView | undefined | null = null;

  constructor(private readonly context: PartContext) {
    const { dom } = context;
    this.body = dom.el('div');
    this.element = dom.el('section', { class: 'design card', attrs: { 'aria-label': 'Browser checks' } }, [dom.el('h2', {}, ['Browser checks']), this.body]);
  }

  render(checks: DesignChecksView | undefined): void {
    if (checks === this.shown) return;
    this.shown = checks;
    const { dom } = this.context;
    this.element.hidden = checks === undefined;
    if (!checks) {
      dom.replace(this.body, []);
      return;
    }
    const fixed = checks.findings.filter((finding) => finding.status === 'fixed').length;
    dom.replace(this.body, [
      dom.el('p', { class: 'design-head' }, [`${checks.source}: ${checks.findings.length} serious or critical finding${checks.findings.length === 1 ? '' : 's'}, ${fixed} fixed`]),
      checks.findings.length > 0 &&
        dom.el(
          'ul',
          { class: 'design-findings', attrs: { 'aria-label': 'Findings' } },
          checks.findings.map((finding) => dom.el('li', { class: `finding ${finding.status}` }, [dom.icon(finding.status === 'fixed' ? 'pass' : 'error'), dom.el('span', { class: 'tag' }, [finding.status]), ' ', finding.text])),
        ),
      this.list('Not decided by the checks (a person looks)', checks.undecided),
      this.list('Advice (APCA contrast; not a gate)', checks.advice),
      ...checks.screenshots.map((shot) => this.shot(shot)),
    ]);
  }

  private list(title: string, lines: readonly string[]): HTMLElement | false {
    const { dom } = this.context;
    return lines.length > 0 && dom.el('div', { class: 'design-notes' }, [dom.el('h3', {}, [title]), dom.el('ul', {}, lines.map((line) => dom.el('li', {}, [line])))]);
  }

  private shot(shot: DesignShotView): HTMLElement {
    const { dom } = this.context;
    const changed = shot.differentPixels === undefined || shot.totalPixels === undefined ? 'after the change: not yet' : `${shot.differentPixels} of ${shot.totalPixels} pixels changed`;
    const image = (label: string, uri: string | undefined) =>
      uri &&
      dom.el('figure', { class: 'design-shot' }, [
        // The host sends PNG data URIs only; anything else is named, never loaded.
        PNG_DATA_URI.test(uri) ? dom.png(uri, `${label}: ${shot.page} at ${shot.width} px`) : dom.el('p', { class: 'empty' }, ['(not shown: not a PNG image)']),
        dom.el('figcaption', {}, [label]),
      ]);
    return dom.el('div', { class: 'design-shots', attrs: { role: 'group', 'aria-label': `${shot.page} at ${shot.width} px` } }, [
      dom.el('h3', {}, [`${shot.page} at ${shot.width} px · ${changed}`]),
      dom.el('div', { class: 'design-shot-row' }, [image('Before', shot.before), image('After', shot.after), image('Diff', shot.diff)]),
      shot.note !== undefined && dom.el('p', { class: 'empty' }, [shot.note]),
    ]);
  }
}
