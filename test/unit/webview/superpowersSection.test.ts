// The sidebar's Superpowers section: what is loaded and from where, what brings code, which skills
// the workflow on show used, and what was not loaded and why.
import * as assert from 'node:assert/strict';
import { applyUpdates } from '../../../src/shared/dashboardReducer';
import { emptyDashboard, type DashboardUpdate } from '../../../src/shared/dashboardState';
import type { SuperpowersView } from '../../../src/shared/superpowers';
import { DESCRIPTION, FEATURE_EVENTS, snapshotOf, stamp } from './dashboardFixture';
import { openPage, type TestPage } from './jsdomPage';

const SUPERPOWERS: SuperpowersView = {
  loaded: [
    { name: 'tdd', description: 'Test-driven development in red, green, refactor steps.', source: 'builtin', sourceLabel: 'built-in', code: ['red gate', 'green gate', 'tamper guard'], notes: [] },
    { name: 'planning', description: 'Turn a request into a short plan.', source: 'builtin', sourceLabel: 'built-in', code: [], notes: [] },
    { name: 'wednesday-dev', description: 'Technical development guidelines for Wednesday Solutions projects.', source: 'workspace', sourceLabel: '.claude/skills', code: [], notes: [] },
  ],
  rejected: [{ name: 'Bad-Name', sourceLabel: '.github/skills', reason: 'its name "Bad-Name" has an uppercase letter ("B")' }],
  clashes: [{ name: 'wednesday-dev', keptFrom: '.claude/skills', alsoIn: ['~/.claude/skills (same content)'] }],
  skipped: [],
};

const SKILL_USED = {
  type: 'skill',
  workflowId: 'wf-1',
  agent: 'codebot',
  name: 'wednesday-dev',
  source: 'workspace',
  sourceLabel: '.claude/skills',
  contentHash: 'a'.repeat(64),
} as const;

function text(page: TestPage, selector: string): string {
  return [...page.document.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '').join(' | ');
}

describe('the Superpowers section', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  it('keeps the loaded skills and each workflow\'s skills in the dashboard state', () => {
    const updates: DashboardUpdate[] = [{ type: 'superpowers', superpowers: SUPERPOWERS }, DESCRIPTION, ...stamp([...FEATURE_EVENTS, SKILL_USED, SKILL_USED, { ...SKILL_USED, name: 'tdd' }])];
    const state = applyUpdates(emptyDashboard(), updates);
    assert.equal(state.superpowers, SUPERPOWERS);
    assert.deepEqual(state.workflows.find((workflow) => workflow.id === 'wf-1')?.skills, ['wednesday-dev', 'tdd']);
  });

  it('shows in the sidebar what is loaded, from where, the code it brings, what the workflow used, and what was rejected', () => {
    page = openPage('sidebar');
    page.post(snapshotOf([{ type: 'superpowers', superpowers: SUPERPOWERS }, DESCRIPTION, ...stamp([...FEATURE_EVENTS, SKILL_USED])]));
    page.runFrames();
    assert.match(text(page, '.superpowers h2'), /^Superpowers$/);
    assert.match(text(page, '.skill-list'), /tdd · built-in.*Test-driven development.*Brings code: red gate, green gate, tamper guard.*planning · built-in.*wednesday-dev · \.claude\/skills · used/);
    assert.equal(text(page, '.skills-used'), 'wf-1 used: wednesday-dev');
    assert.equal(page.document.querySelectorAll('.skill-used').length, 1);
    assert.match(text(page, '.skill-problems'), /Bad-Name \(\.github\/skills\) not loaded: its name "Bad-Name" has an uppercase letter.*wednesday-dev: kept from \.claude\/skills; not loaded from ~\/\.claude\/skills \(same content\)/);
  });

  it('says why workspace skills are missing in Restricted Mode, and waits before the host says anything', () => {
    page = openPage('sidebar');
    page.post(snapshotOf([]));
    page.runFrames();
    assert.equal(text(page, '.superpowers .empty'), 'Waiting for the extension…');
    page.post({ type: 'updates', updates: [{ type: 'superpowers', superpowers: { ...SUPERPOWERS, loaded: SUPERPOWERS.loaded.slice(0, 2), rejected: [], clashes: [], skipped: ['.claude/skills: Restricted Mode: workspace skills are not loaded until you trust the workspace'] } }] });
    page.runFrames();
    assert.match(text(page, '.skill-problems'), /Restricted Mode: workspace skills are not loaded/);
    assert.equal(page.document.querySelectorAll('.skill-list li').length, 2);
  });
});
