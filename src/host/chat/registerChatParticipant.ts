// Registers @imperium in the Chat view, and the command its Approve and Reject buttons run. What
// answers a request (the handler, the workflows) loads with the engine on the first request.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../apiKeyStore';
import { loadEngine } from '../lazyEngine';
import { modelProblem } from '../llm/modelReadiness';
import type { Settings } from '../settings';
import type { WorkflowService } from '../workflows/workflowService';
import type { ChatAnswer } from './editorChatWorkflows';
import { DECIDE_COMMAND, PARTICIPANT_ID } from './chatCommands';

export interface ChatParticipantDeps {
  readonly service: () => Promise<WorkflowService>;
  readonly settings: Settings;
  readonly apiKeys: ApiKeyStore;
  readonly log: vscode.LogOutputChannel;
  readonly extensionUri: vscode.Uri;
}

export function registerChatParticipant({ service, settings, apiKeys, log, extensionUri }: ChatParticipantDeps): vscode.Disposable[] {
  const answers = new Map<string, ChatAnswer>();
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, async (request, context, stream, token) => {
    const engine = await loadEngine();
    let workflows;
    try {
      workflows = new engine.EditorChatWorkflows(await service(), () => modelProblem(settings, apiKeys), answers);
    } catch (error) {
      return { errorDetails: { message: error instanceof Error ? error.message : String(error) } };
    }
    const result = await engine.handleChatRequest(request, context, stream, token, workflows);
    if (result.errorDetails) log.error(`@imperium: ${result.errorDetails.message}`);
    return result;
  });
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
  return [
    participant,
    // The argument is a token only a button of ours holds: another extension cannot name an approval.
    vscode.commands.registerCommand(DECIDE_COMMAND, async (token: unknown) => {
      const answer = typeof token === 'string' ? answers.get(token) : undefined;
      if (!answer) {
        void vscode.window.showInformationMessage('Imperium Flow: this is no longer waiting for a decision.');
        return false;
      }
      answers.delete(token as string);
      const decision = answer.answer === 'approve' ? { approved: true } : answer.answer === 'reject' ? { approved: false } : { approved: true, choice: answer.answer };
      const decided = (await service()).approvals.decide(answer.approvalId, decision);
      if (!decided) void vscode.window.showInformationMessage('Imperium Flow: this was already decided elsewhere.');
      else log.info(`approval ${answer.approvalId}: ${answer.answer} (from the Chat view)`);
      return decided;
    }),
  ];
}
