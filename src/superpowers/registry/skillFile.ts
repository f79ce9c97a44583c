// Parses a SKILL.md: YAML front matter between two lines of three dashes (parsed by the `yaml`
// package, duplicate keys refused), then the markdown body. Checks the fields against the Agent
// Skills specification; a field the specification does not define (clients add their own, such as
// `argument-hint`) is kept out of the skill and noted, never a reason to refuse a published skill.
import { parseDocument } from 'yaml';
import { nameProblem } from './skillName';

const MAX_DESCRIPTION = 1024;
const MAX_COMPATIBILITY = 500;
const SPEC_FIELDS = new Set(['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools']);
/** Claude Code's field, honoured: a person may use the skill, agents are not offered it. */
const NO_MODEL_INVOCATION = 'disable-model-invocation';

export interface SkillFileContent {
  readonly name: string;
  readonly description: string;
  readonly license?: string;
  readonly compatibility?: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly allowedTools?: readonly string[];
  readonly modelInvocable: boolean;
  readonly body: string;
  readonly notes: readonly string[];
}

export type SkillFileParse = { readonly ok: true; readonly skill: SkillFileContent } | { readonly ok: false; readonly reason: string };

/** Parses the text of `<folderName>/SKILL.md`; a failure's reason completes "not loaded: ...". */
export function parseSkillFile(text: string, folderName: string): SkillFileParse {
  const split = splitFrontMatter(text);
  if (typeof split === 'string') return { ok: false, reason: split };
  const document = parseDocument(split.frontMatter, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    return { ok: false, reason: `its front matter is not valid YAML: ${firstLine(document.errors[0].message)}` };
  }
  const data: unknown = document.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, reason: 'its front matter is not a mapping of fields (name: ..., description: ...)' };
  }
  const fields = data as Record<string, unknown>;
  const failure = (reason: string): SkillFileParse => ({ ok: false, reason });

  if (fields.name === undefined) return failure('its front matter has no name');
  if (typeof fields.name !== 'string') return failure(`its name is a ${kindOf(fields.name)}, not text`);
  const badName = nameProblem(fields.name, folderName);
  if (badName) return failure(badName);

  if (fields.description === undefined) return failure('its front matter has no description');
  if (typeof fields.description !== 'string') return failure(`its description is a ${kindOf(fields.description)}, not text`);
  const description = fields.description.trim();
  if (description === '') return failure('its description is empty');
  if (description.length > MAX_DESCRIPTION) return failure(`its description is ${description.length} characters long; the limit is ${MAX_DESCRIPTION}`);

  const license = optionalText(fields, 'license');
  if (license.problem) return failure(license.problem);
  const compatibility = optionalText(fields, 'compatibility');
  if (compatibility.problem) return failure(compatibility.problem);
  if (compatibility.value !== undefined && compatibility.value.length > MAX_COMPATIBILITY) {
    return failure(`its compatibility is ${compatibility.value.length} characters long; the limit is ${MAX_COMPATIBILITY}`);
  }
  const metadata = metadataOf(fields.metadata);
  if (typeof metadata === 'string') return failure(metadata);
  const allowedTools = allowedToolsOf(fields['allowed-tools']);
  if (typeof allowedTools === 'string') return failure(allowedTools);

  const notes: string[] = [];
  const extra = Object.keys(fields).filter((key) => !SPEC_FIELDS.has(key));
  if (extra.includes('hooks')) notes.push('it declares hooks; Imperium never runs hooks');
  if (fields[NO_MODEL_INVOCATION] === true) notes.push(`${NO_MODEL_INVOCATION}: agents are not offered it`);
  const ignored = extra.filter((key) => key !== 'hooks' && key !== NO_MODEL_INVOCATION);
  if (ignored.length > 0) notes.push(`fields outside the Agent Skills specification are ignored: ${ignored.join(', ')}`);

  return {
    ok: true,
    skill: {
      name: fields.name.normalize('NFKC'),
      description,
      ...(license.value !== undefined && { license: license.value }),
      ...(compatibility.value !== undefined && { compatibility: compatibility.value }),
      metadata,
      ...(allowedTools !== undefined && { allowedTools }),
      modelInvocable: fields[NO_MODEL_INVOCATION] !== true,
      body: split.body,
      notes,
    },
  };
}

/** The front matter and the body, or why the file has no front matter. */
function splitFrontMatter(text: string): { frontMatter: string; body: string } | string {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') return 'its SKILL.md does not start with YAML front matter (a first line of three dashes, "---")';
  const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (close < 0) return 'its front matter is never closed (no second line of three dashes, "---")';
  return { frontMatter: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n').replace(/^\s*\n/, '') };
}

function optionalText(fields: Record<string, unknown>, key: string): { value?: string; problem?: string } {
  const value = fields[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') return { problem: `its ${key} is a ${kindOf(value)}, not text` };
  return value.trim() === '' ? { problem: `its ${key} is empty` } : { value: value.trim() };
}

/** The specification's map of text to text; a number or a truth value is kept as its text. */
function metadataOf(value: unknown): Record<string, string> | string {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return `its metadata is a ${kindOf(value)}, not a mapping of keys to text`;
  const metadata: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry === 'string') metadata[key] = entry;
    else if (typeof entry === 'number' || typeof entry === 'boolean') metadata[key] = String(entry);
    else return `its metadata "${key}" is a ${kindOf(entry)}, not text`;
  }
  return metadata;
}

/**
 * The specification takes a space-separated text or a list of texts. Claude Code's own skills often
 * separate with commas ("Read, Grep, Glob"); both are read, since the loader takes skills as published.
 */
function allowedToolsOf(value: unknown): readonly string[] | string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return splitTools(value);
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value.flatMap(splitTools);
  return `its allowed-tools is a ${kindOf(value)}, not a space-separated text or a list of tool names`;
}

function splitTools(text: string): string[] {
  // Keep "Bash(git status:*)" whole: split only on separators outside parentheses.
  const tools: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of text) {
    if (character === '(') depth++;
    if (character === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (character === ',' || /\s/.test(character))) {
      if (current) tools.push(current);
      current = '';
    } else current += character;
  }
  if (current) tools.push(current);
  return tools;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'mapping';
  return typeof value === 'boolean' ? 'truth value' : typeof value;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
