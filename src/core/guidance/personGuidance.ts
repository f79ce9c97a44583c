// What a person tells a running workflow's agents while they work (from the Chat view: a message to
// @imperium while the workflow runs). The notes are kept per workflow and added to every later model
// call of that workflow's working agents (the Product Owner, TestBot, CodeBot, DesignBot,
// IntegrationBot), after the transcript, so each agent reads them with its next step and keeps
// reading them. The Board's reviewers are not told: they judge the work, not the person's steer.
import type { ChatRequest, ChatResponse, ModelClient } from '../ports';
import type { AgentRole } from '../../shared/agents';

const GUIDED_ROLES: readonly AgentRole[] = ['product-owner', 'testbot', 'codebot', 'designbot', 'integrationbot'];
export const MAX_GUIDANCE_CHARS = 4_000;
const MAX_NOTES = 10;

export class PersonGuidance {
  private readonly notes = new Map<string, string[]>();

  /** Adds a note for the workflow's agents; a blank or oversized note is refused with the reason. */
  add(workflowId: string, text: string): void {
    const note = text.trim();
    if (note === '') throw new RangeError('Say what the agents should do differently: the guidance is empty.');
    if (note.length > MAX_GUIDANCE_CHARS) throw new RangeError(`Guidance is at most ${MAX_GUIDANCE_CHARS} characters; this is ${note.length}.`);
    const notes = this.notes.get(workflowId) ?? [];
    // The latest notes count most; the oldest make room.
    this.notes.set(workflowId, [...notes, note].slice(-MAX_NOTES));
  }

  notesFor(workflowId: string): readonly string[] {
    return this.notes.get(workflowId) ?? [];
  }

  /** Forgets a workflow's notes (it ended). */
  forget(workflowId: string): void {
    this.notes.delete(workflowId);
  }

  /** The model client the agents talk to, with the person's notes added to their workflow's calls. */
  wrap(model: ModelClient): ModelClient {
    const chat = (request: ChatRequest): Promise<ChatResponse> => model.chat(this.guided(request));
    return model.embed ? { chat, embed: (texts, signal) => model.embed!(texts, signal) } : { chat };
  }

  private guided(request: ChatRequest): ChatRequest {
    const notes = request.workflowId === undefined ? [] : this.notesFor(request.workflowId);
    if (notes.length === 0 || !GUIDED_ROLES.includes(request.role)) return request;
    const content = `Guidance from the person you work for, sent while you work. Follow it within your task and its rules:\n${notes.map((note, index) => `${index + 1}. ${note}`).join('\n')}`;
    return { ...request, messages: [...request.messages, { role: 'user', content }] };
  }
}
