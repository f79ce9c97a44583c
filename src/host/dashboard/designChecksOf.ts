// A workflow's browser checks for the command center, read from its stored outputs: the design
// workflow's red (what failed, the screenshots before), green (what the checks could not decide,
// their advice) and review (the screenshots after and their diffs); or, in a feature workflow,
// what green kept of DesignBot's tasks. Screenshots are read through `readShot`, which decides
// which files may be shown. Free of 'vscode', so it runs under plain mocha.
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import * as z from 'zod/mini';
import type { WorkflowSnapshot } from '../../core/orchestrator/workflowState';
import type { DesignChecksView, DesignShotView } from '../../shared/designChecksView';

/** A kept screenshot as a data URI, or why it cannot be shown. */
export type ShotReader = (path: string) => Promise<{ readonly uri: string } | { readonly note: string }>;

const shotSchema = z.object({ page: z.string(), width: z.number(), before: z.string(), after: z.string(), diff: z.string(), differentPixels: z.number(), totalPixels: z.number() });
const designRed = z.object({ failing: z.array(z.string()), before: z.array(z.object({ page: z.string(), width: z.number(), path: z.string() })) });
const designGreen = z.object({ review: z._default(z.array(z.string()), []), advice: z._default(z.array(z.string()), []) });
const designReview = z.object({ screenshots: z.array(shotSchema) });
const featureGreen = z.object({
  dispatched: z.array(
    z.object({
      checkedBy: z.string(),
      failingBefore: z.optional(z.array(z.string())),
      evidence: z.optional(z.object({ screenshots: z.array(shotSchema), undecided: z.array(z.string()), advice: z.array(z.string()) })),
    }),
  ),
});

export async function designChecksOf(workflow: WorkflowSnapshot, readShot: ShotReader): Promise<DesignChecksView | undefined> {
  const { outputs } = workflow;
  if (workflow.definition.name === 'design') {
    const red = designRed.safeParse(outputs.red);
    if (!red.success) return undefined;
    const green = designGreen.safeParse(outputs.green);
    const review = designReview.safeParse(outputs.review);
    const screenshots = review.success
      ? await Promise.all(review.data.screenshots.map((shot) => shotView(shot, readShot)))
      : await Promise.all(red.data.before.map(async ({ page, width, path }) => ({ page, width, ...(await one('before', path, readShot)) })));
    return {
      source: 'design workflow',
      findings: red.data.failing.map((text) => ({ text, status: green.success ? 'fixed' : 'failing' })),
      undecided: green.success ? green.data.review : [],
      advice: green.success ? green.data.advice : [],
      screenshots,
    };
  }
  const green = featureGreen.safeParse(outputs.green);
  const checked = green.success ? green.data.dispatched.filter((outcome) => outcome.checkedBy === 'own checks' && outcome.evidence) : [];
  if (checked.length === 0) return undefined;
  return {
    source: 'DesignBot',
    findings: checked.flatMap((outcome) => (outcome.failingBefore ?? []).map((text) => ({ text, status: 'fixed' as const }))),
    undecided: checked.flatMap((outcome) => outcome.evidence?.undecided ?? []),
    advice: checked.flatMap((outcome) => outcome.evidence?.advice ?? []),
    screenshots: await Promise.all(checked.flatMap((outcome) => outcome.evidence?.screenshots ?? []).map((shot) => shotView(shot, readShot))),
  };
}

async function shotView(shot: z.infer<typeof shotSchema>, readShot: ShotReader): Promise<DesignShotView> {
  const parts = [await one('before', shot.before, readShot), await one('after', shot.after, readShot), await one('diff', shot.diff, readShot)];
  const notes = parts.flatMap((part) => (part.note ? [part.note] : []));
  return { page: shot.page, width: shot.width, ...parts[0], ...parts[1], ...parts[2], differentPixels: shot.differentPixels, totalPixels: shot.totalPixels, ...(notes.length > 0 && { note: notes.join('; ') }) };
}

async function one(label: 'before' | 'after' | 'diff', path: string, readShot: ShotReader): Promise<Partial<Record<'before' | 'after' | 'diff' | 'note', string>>> {
  const read = await readShot(path);
  return 'uri' in read ? { [label]: read.uri } : { note: `${label}: ${read.note}` };
}

/**
 * Reads kept screenshots from `folder` only (where the browser keeps them), PNG files up to
 * `maxBytes`, as data URIs: a stored path that points anywhere else is not read.
 */
export function pngFilesIn(folder: string, maxBytes: number): ShotReader {
  const root = resolve(folder);
  return async (path) => {
    const full = resolve(path);
    const inside = relative(root, full);
    if (inside === '' || inside.startsWith('..') || inside.split(sep).includes('..') || resolve(inside) === inside || !full.endsWith('.png')) return { note: `${path} is not a screenshot this workspace kept` };
    try {
      const size = (await stat(full)).size;
      if (size > maxBytes) return { note: `${inside} is ${Math.round(size / 1024)} KiB, more than the ${Math.round(maxBytes / 1024)} KiB shown; open it from ${root}` };
      return { uri: `data:image/png;base64,${(await readFile(full)).toString('base64')}` };
    } catch (error) {
      return { note: `${inside} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
  };
}
