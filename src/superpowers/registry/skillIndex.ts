// Progressive disclosure, first tier: what an agent is told of the skills before it uses one. Names
// and descriptions only, each cut to about a hundred tokens, ranked for the step and the task
// (BM25 over name and description, plus the step names a skill lists in its `imperium-steps`
// metadata), and listed until the budget runs out. The bodies stay out until use_skill asks.
import { LexicalIndex } from '../../core/memory/lexicalIndex';
import type { Skill } from './skill';

export const DEFAULT_TOKENS_PER_SKILL = 100;
export const DEFAULT_INDEX_BUDGET = 600;
/** Metadata key a skill may set to the steps it is for, space-separated ("red green"). */
export const STEPS_METADATA_KEY = 'imperium-steps';

export interface SkillIndexRequest {
  /** The workflow step the agent works on ("red", "green", "plan"). */
  readonly step: string;
  /** The task's text. */
  readonly task: string;
  readonly tokensPerSkill?: number;
  /** Tokens for the whole block, heading included. */
  readonly budget?: number;
  readonly countTokens: (text: string) => number;
}

export interface SkillIndex {
  /** The block for the agent's prompt; empty when no skill is offered. */
  readonly text: string;
  /** Names listed, best first. */
  readonly listed: readonly string[];
  /** Offered skills left out for the budget. */
  readonly omitted: readonly string[];
  readonly tokens: number;
}

const HEADING = 'Skills (load one with use_skill when it fits the work; each line is name: when to use it):';

export function skillIndex(skills: readonly Skill[], request: SkillIndexRequest): SkillIndex {
  const offered = skills.filter((skill) => skill.modelInvocable);
  if (offered.length === 0) return { text: '', listed: [], omitted: [], tokens: 0 };
  const perSkill = request.tokensPerSkill ?? DEFAULT_TOKENS_PER_SKILL;
  const budget = request.budget ?? DEFAULT_INDEX_BUDGET;
  const lines: string[] = [HEADING];
  let tokens = request.countTokens(HEADING);
  const listed: string[] = [];
  const omitted: string[] = [];
  for (const skill of rank(offered, request)) {
    const line = cutToTokens(`- ${skill.name}: ${oneLine(skill.description)}`, perSkill, request.countTokens);
    const cost = request.countTokens(`\n${line}`);
    if (tokens + cost > budget) {
      omitted.push(skill.name);
      continue;
    }
    lines.push(line);
    listed.push(skill.name);
    tokens += cost;
  }
  if (listed.length === 0) return { text: '', listed, omitted, tokens: 0 };
  if (omitted.length > 0) {
    const note = `(${omitted.length} more not listed; use_skill with a name lists every skill.)`;
    lines.push(note);
    tokens += request.countTokens(`\n${note}`);
  }
  return { text: lines.join('\n'), listed, omitted, tokens };
}

/** Best first: a skill made for the step, then lexical relevance to the step and task, then source order. */
function rank(skills: readonly Skill[], request: SkillIndexRequest): Skill[] {
  const index = new LexicalIndex();
  for (const skill of skills) index.set({ id: skill.name, title: skill.name.replace(/-/g, ' '), text: skill.description, tags: [] });
  const scores = new Map(index.rank(`${request.step} ${request.task}`, skills.length).map((hit) => [hit.id, hit.score]));
  const step = request.step.toLowerCase();
  const forStep = (skill: Skill) => (skill.metadata[STEPS_METADATA_KEY] ?? '').toLowerCase().split(/[\s,]+/).includes(step);
  return skills
    .map((skill, order) => ({ skill, order, stepped: forStep(skill), score: scores.get(skill.name) ?? 0 }))
    .sort((a, b) => Number(b.stepped) - Number(a.stepped) || b.score - a.score || a.order - b.order)
    .map((entry) => entry.skill);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text, cut at a word so it takes at most `limit` tokens, with an ellipsis when cut. */
function cutToTokens(text: string, limit: number, countTokens: (text: string) => number): string {
  if (countTokens(text) <= limit) return text;
  const words = text.split(' ');
  let low = 1;
  let high = words.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (countTokens(`${words.slice(0, middle).join(' ')} …`) <= limit) low = middle;
    else high = middle - 1;
  }
  return `${words.slice(0, low).join(' ')} …`;
}
