// Progressive disclosure, first tier: what an agent is told of the skills before it uses one. Names
// and descriptions only, each cut to about a hundred tokens, ranked for the step and the task
// (BM25 over name and description through MiniSearch, with prefix and fuzzy matching so "migration"
// finds "migrations", plus the step names a skill lists in its `imperium-steps` metadata), and listed until the budget runs out. A skill that
// names its steps is listed at those steps only (use_skill still loads it anywhere by name). The bodies stay out until use_skill asks.
import MiniSearch from 'minisearch';
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

const HEADING = 'Skills (load one with use_skill when it fits):';

export function skillIndex(skills: readonly Skill[], request: SkillIndexRequest): SkillIndex {
  const step = request.step.toLowerCase();
  const offered = skills.filter((skill) => skill.modelInvocable && (stepsOf(skill).length === 0 || stepsOf(skill).includes(step)));
  if (offered.length === 0) return { text: '', listed: [], omitted: [], tokens: 0 };
  const perSkill = request.tokensPerSkill ?? DEFAULT_TOKENS_PER_SKILL;
  const budget = request.budget ?? DEFAULT_INDEX_BUDGET;
  const lines: string[] = [HEADING];
  let tokens = request.countTokens(HEADING);
  // Room for the note on skills left out, so the block never passes the budget.
  const reserve = request.countTokens(`\n${omittedNote(offered.length)}`);
  const listed: string[] = [];
  const omitted: string[] = [];
  for (const skill of rank(offered, request)) {
    const line = cutToTokens(`- ${skill.name}: ${oneLine(skill.description)}`, perSkill, request.countTokens);
    const cost = request.countTokens(`\n${line}`);
    if (tokens + cost + reserve > budget) {
      omitted.push(skill.name);
      continue;
    }
    lines.push(line);
    listed.push(skill.name);
    tokens += cost;
  }
  if (listed.length === 0) return { text: '', listed, omitted, tokens: 0 };
  if (omitted.length > 0) {
    lines.push(omittedNote(omitted.length));
  }
  // The parts were counted one by one to fill the budget; the block's own count is the exact one.
  const text = lines.join('\n');
  return { text, listed, omitted, tokens: request.countTokens(text) };
}

/** Best first: a skill made for the step, then lexical relevance to the step and task, then source order. */
function rank(skills: readonly Skill[], request: SkillIndexRequest): Skill[] {
  const index = new MiniSearch<{ id: string; name: string; description: string }>({ fields: ['name', 'description'], processTerm: informativeTerm });
  index.addAll(skills.map((skill) => ({ id: skill.name, name: skill.name.replace(/-/g, ' '), description: skill.description })));
  const hits = index.search(`${request.step} ${request.task}`, { combineWith: 'OR', prefix: true, fuzzy: 0.2, boost: { name: 2 } });
  const scores = new Map(hits.map((hit) => [hit.id as string, hit.score]));
  const step = request.step.toLowerCase();
  const forStep = (skill: Skill) => stepsOf(skill).includes(step);
  return skills
    .map((skill, order) => ({ skill, order, stepped: forStep(skill), score: scores.get(skill.name) ?? 0 }))
    .sort((a, b) => Number(b.stepped) - Number(a.stepped) || b.score - a.score || a.order - b.order)
    .map((entry) => entry.skill);
}

/** The steps a skill names in its metadata, lower-case; none when it names none. */
function stepsOf(skill: Skill): string[] {
  return (skill.metadata[STEPS_METADATA_KEY] ?? '').toLowerCase().split(/[\s,]+/).filter(Boolean);
}

// Words every description has: with prefix matching, "a" or "use" would match half of any text.
const STOP_WORDS = new Set('and are for from the this that with when use used using into your you its not all any can has have was were will'.split(' '));

function informativeTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return lower.length < 3 || STOP_WORDS.has(lower) ? null : lower;
}

function omittedNote(count: number): string {
  return `(${count} more not listed; use_skill with a name lists every skill.)`;
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
