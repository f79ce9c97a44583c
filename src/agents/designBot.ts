// DesignBot: UI and UX work on HTML pages, checked in a real browser (render, accessibility tree,
// axe-core and layout checks, screenshots against baselines) plus the file tools. Its finish is
// refused while a page it names still fails the checks: the gate is the checks, not the model.
import { z } from 'zod';
import type { PageInspector } from '../superpowers/design/pageInspector';
import { DEFAULT_WIDTHS, gates } from '../superpowers/design/uiFinding';
import { runAgent, type AgentDefinition, type AgentRunResult } from './agentLoop';
import { taskMessage, toolContext, withTools, type AgentDependencies, type AgentRunOptions, type AgentTask } from './agentTask';
import { DESIGN_BOT_PROMPT } from './prompts/designBotPrompt';
import { noTestPaths } from './testFiles';
import type { FinishTool } from './tools/agentTool';
import { checkUiTool } from './tools/checkUi';
import { compareScreenshotTool } from './tools/compareScreenshot';
import { checkedPage } from './tools/designPage';
import { editFileTool } from './tools/editFile';
import { listFilesTool } from './tools/listFiles';
import { readAccessibilityTreeTool } from './tools/readAccessibilityTree';
import { readFileTool } from './tools/readFile';
import { renderPageTool } from './tools/renderPage';
import { searchTextTool } from './tools/searchText';
import { writeFileTool } from './tools/writeFile';

const answerSchema = z.strictObject({
  summary: z.string().min(1).describe('What you changed and why, in a few sentences.'),
  changed_files: z.array(z.string().min(1)).describe('The files you created or changed.'),
  pages: z.array(z.string().min(1)).min(1).describe('The HTML pages you checked; each must pass check_ui.'),
});

export type DesignBotAnswer = z.infer<typeof answerSchema>;

function finishTool(inspector: PageInspector): FinishTool<DesignBotAnswer> {
  return {
    name: 'finish',
    description: 'Report what you changed, which files, and the pages you checked. Call it once check_ui finds no serious or critical problem on those pages.',
    schema: answerSchema,
    async verify(answer, context) {
      for (const file of answer.changed_files) {
        if (!(await context.workspace.exists(file))) return `changed_files: "${file}" does not exist.`;
      }
      for (const requested of answer.pages) {
        let page: string;
        try {
          page = await checkedPage(requested, context);
        } catch (error) {
          return `pages: ${(error as Error).message}`;
        }
        const failing = (await inspector.check(page, DEFAULT_WIDTHS)).findings.filter(gates);
        if (failing.length > 0) return `${page} still fails the UI checks: ${failing.map((finding) => `${finding.rule} on ${finding.element} at ${finding.widths.join(', ')} px`).join('; ')}.`;
      }
      return undefined;
    },
  };
}

export function designBot(inspector: PageInspector): AgentDefinition<DesignBotAnswer> {
  return {
    role: 'designbot',
    systemPrompt: DESIGN_BOT_PROMPT,
    tools: [
      listFilesTool,
      readFileTool,
      searchTextTool,
      writeFileTool,
      editFileTool,
      renderPageTool(inspector),
      readAccessibilityTreeTool(inspector),
      checkUiTool(inspector),
      compareScreenshotTool(inspector),
    ],
    finish: finishTool(inspector),
  };
}

export interface DesignBotDependencies extends AgentDependencies {
  readonly pages: PageInspector;
}

/** Runs DesignBot on the task; it may not write tests or test configuration unless `options.canWrite` says otherwise. */
export function runDesignBot(task: AgentTask, dependencies: DesignBotDependencies, options: AgentRunOptions): Promise<AgentRunResult<DesignBotAnswer>> {
  return runAgent(withTools(designBot(dependencies.pages), dependencies), {
    task: taskMessage(task),
    model: dependencies.model,
    events: dependencies.events,
    context: toolContext('designbot', noTestPaths, dependencies, options),
    maxSteps: options.maxSteps,
  });
}
