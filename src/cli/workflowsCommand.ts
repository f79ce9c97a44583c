// `imperium workflows [--json]`: the workflow modules there are, each with its id, title,
// description and the phases a person sees (with the steps of each), as `imperium run --workflow`
// and the editor offer them.
import { builtInModules } from '../runtime/workflowCatalog';
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';

const USAGE = `Usage: imperium workflows [--json]

Lists the workflows \`imperium run <folder> "<request>" --workflow <id>\` can run, with the phases
each goes through and the steps of each phase.

Options:
  --json       Print them as JSON: [{ id, title, description, phases: [{ id, title, steps }] }].
  -h, --help   Show this help.
`;

export const workflowsCommand: CliCommand = {
  name: 'workflows',
  summary: 'List the workflows there are, with their phases',
  usage: USAGE,
  run: listWorkflows,
};

async function listWorkflows(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { json: { type: 'boolean', default: false } });
  if (positionals.length > 0) throw new UsageError(`takes no arguments, only options; got ${positionals.join(' ')}.`);
  const modules = builtInModules().list();
  if (values.json) {
    const listed = modules.map(({ id, title, description, phases }) => ({ id, title, description, phases: phases.map(({ id: phase, title: name, steps }) => ({ id: phase, title: name, steps })) }));
    io.stdout(`${JSON.stringify(listed, null, 2)}\n`);
    return EXIT_OK;
  }
  for (const module of modules) {
    io.stdout(`${module.id}  ${module.title}\n  ${module.description}\n  Phases: ${module.phases.map((phase) => `${phase.id} (${phase.steps.join(', ')})`).join(' → ')}\n\n`);
  }
  return EXIT_OK;
}
