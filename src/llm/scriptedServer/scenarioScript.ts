// Which reply a request gets: the first reply left in its role's list whose `when` matches (a reply
// without `when` matches anything), then the same in the "*" list, then the scenario's fallback.
import { contentText } from '../tokenCount';
import { ANY_ROLE, type ReplyBody, type ReplyMatcher, type Scenario, type ScriptedReply } from './scenario';

export interface ScriptMessage {
  readonly role: string;
  readonly content?: unknown;
}

export type ScriptAnswer =
  | { readonly kind: 'scripted'; readonly reply: ReplyBody; readonly list: string }
  | { readonly kind: 'fallback'; readonly reply: ReplyBody }
  | { readonly kind: 'no-reply'; readonly message: string };

interface Entry {
  readonly reply: ScriptedReply;
  left: number;
}

export class ScenarioScript {
  private readonly lists = new Map<string, Entry[]>();
  private readonly turns = new Map<string, number>();

  constructor(private readonly scenario: Scenario) {
    for (const [list, replies] of Object.entries(scenario.roles)) {
      this.lists.set(list, (replies ?? []).map((reply) => ({ reply, left: reply.times })));
    }
  }

  /** Picks, and uses up, the reply for a request from `role` (the request's `user` field). */
  answer(role: string | undefined, messages: readonly ScriptMessage[]): ScriptAnswer {
    const who = role ?? '(no role)';
    const turn = (this.turns.get(who) ?? 0) + 1;
    this.turns.set(who, turn);
    const last = messages.at(-1);
    for (const list of role !== undefined && role !== ANY_ROLE ? [role, ANY_ROLE] : [ANY_ROLE]) {
      const entry = this.lists.get(list)?.find((candidate) => candidate.left > 0 && matches(candidate.reply.when, last));
      if (entry) {
        entry.left -= 1;
        return { kind: 'scripted', reply: entry.reply, list };
      }
    }
    if (this.scenario.fallback !== 'error') return { kind: 'fallback', reply: this.scenario.fallback.reply };
    const lastText = excerpt(contentText(last?.content));
    return {
      kind: 'no-reply',
      message:
        `The scenario has no reply left for role "${who}" (its request ${turn}) that matches the last message ` +
        `(${last?.role ?? 'none'}: "${lastText}"). Add a reply under roles.${role ?? ANY_ROLE}, or set a fallback.`,
    };
  }

  /** Replies not used yet, for one list (a role or "*") or all of them. */
  remaining(list?: string): number {
    const entries = list === undefined ? [...this.lists.values()].flat() : (this.lists.get(list) ?? []);
    return entries.reduce((sum, entry) => sum + entry.left, 0);
  }
}

function matches(when: ReplyMatcher | undefined, last: ScriptMessage | undefined): boolean {
  if (!when) return true;
  const text = contentText(last?.content);
  if (when.afterToolResult !== undefined && (last?.role === 'tool') !== when.afterToolResult) return false;
  if (when.lastMessageContains !== undefined && !text.includes(when.lastMessageContains)) return false;
  if (when.lastMessageMatches !== undefined && !new RegExp(when.lastMessageMatches).test(text)) return false;
  return true;
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}
