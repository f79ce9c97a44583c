// Packs pieces of context into a prompt section that fits a token budget, counted by the token
// counter it is given (the runtime gives it the model client's tokenizer). The most important pieces go in
// first; a piece that does not fit whole is cut to the room left when that room is worth having;
// what fits is then laid out by section, in the order things happened.
import type { TokenCounter } from '../ports';

export interface PackItem {
  /** The heading the item is shown under. */
  readonly section: string;
  readonly text: string;
  /** Higher goes in first. */
  readonly priority: number;
  /** Reading order within a section, e.g. when it happened. */
  readonly order: number;
}

export interface PackedContext {
  readonly text: string;
  /** Tokens of `text`, counted. */
  readonly tokens: number;
  readonly budget: number;
  /** Items in the text whole. */
  readonly included: number;
  /** Items in the text cut short. */
  readonly cut: number;
  /** Items left out for want of room. */
  readonly dropped: number;
}

/** Room worth cutting an item down to; less would keep too little of it to help. */
const MIN_CUT_TOKENS = 24;
const CUT_MARK = ' [… cut to fit]';

interface Chosen {
  readonly item: PackItem;
  readonly text: string;
  readonly wasCut: boolean;
}

/** The items that fit `budget` tokens, laid out by `sections` (in that order; others after, by name). */
export async function packWithinBudget(items: readonly PackItem[], sections: readonly string[], budget: number, tokens: TokenCounter): Promise<PackedContext> {
  const countTextTokens = (text: string) => tokens.count(text);
  if (!Number.isFinite(budget) || budget < 0) throw new RangeError(`A token budget is a number of tokens >= 0, not ${budget}.`);
  const byImportance = [...items].sort((a, b) => b.priority - a.priority || b.order - a.order);
  const chosen: Chosen[] = [];
  const headed = new Set<string>();
  let used = 0;
  for (const item of byImportance) {
    const heading = headed.has(item.section) ? 0 : await countTextTokens(headingOf(item.section));
    const whole = await countTextTokens(lineOf(item.text));
    if (used + heading + whole <= budget) {
      chosen.push({ item, text: item.text, wasCut: false });
      used += heading + whole;
      headed.add(item.section);
      continue;
    }
    const room = budget - used - heading;
    if (room < MIN_CUT_TOKENS) continue;
    const cut = await cutToFit(item.text, room, countTextTokens);
    chosen.push({ item, text: cut, wasCut: true });
    used += heading + (await countTextTokens(lineOf(cut)));
    headed.add(item.section);
  }
  // Pieces counted apart can join into a token or two more than their sum; the whole is checked.
  let text = render(chosen, sections);
  let total = await countTextTokens(text);
  while (total > budget && chosen.length > 0) {
    chosen.pop();
    text = render(chosen, sections);
    total = await countTextTokens(text);
  }
  const cut = chosen.filter((choice) => choice.wasCut).length;
  return { text, tokens: total, budget, included: chosen.length - cut, cut, dropped: items.length - chosen.length };
}

const headingOf = (section: string) => `## ${section}\n`;
const lineOf = (text: string) => `- ${text.replace(/\n/g, '\n  ')}\n`;

function render(chosen: readonly Chosen[], sections: readonly string[]): string {
  const bySection = new Map<string, Chosen[]>();
  for (const choice of chosen) {
    const list = bySection.get(choice.item.section);
    if (list) list.push(choice);
    else bySection.set(choice.item.section, [choice]);
  }
  const rank = (section: string) => {
    const index = sections.indexOf(section);
    return index === -1 ? sections.length : index;
  };
  const ordered = [...bySection.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return ordered
    .map((section) => {
      const lines = (bySection.get(section) ?? []).sort((a, b) => a.item.order - b.item.order).map((choice) => lineOf(choice.text));
      return headingOf(section) + lines.join('');
    })
    .join('\n');
}

/** The longest beginning of `text` that, marked as cut, fits `room` tokens as a line (a binary search). */
async function cutToFit(text: string, room: number, countTextTokens: (text: string) => Promise<number>): Promise<string> {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((await countTextTokens(lineOf(text.slice(0, middle) + CUT_MARK))) <= room) low = middle;
    else high = middle - 1;
  }
  return text.slice(0, low).trimEnd() + CUT_MARK;
}
