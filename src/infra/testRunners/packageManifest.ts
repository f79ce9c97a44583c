// The parts of a workspace's package.json that say how its tests run.
import { join } from 'node:path';
import { readJsonFile } from './jsonFile';

export interface PackageManifest {
  readonly scripts: Readonly<Record<string, string>>;
  /** Names from dependencies and devDependencies. */
  readonly dependencies: ReadonlySet<string>;
  /** Top-level keys, for frameworks configured inside package.json ("jest", "mocha"). */
  readonly keys: ReadonlySet<string>;
}

/** The workspace's package.json, or undefined when it has none; a malformed one is an error that says where. */
export async function readPackageManifest(root: string): Promise<PackageManifest | undefined> {
  const path = join(root, 'package.json');
  const value = await readJsonFile(path);
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw new Error(`${path} does not hold a JSON object.`);
  const scripts: Record<string, string> = {};
  if (isRecord(value.scripts)) for (const [name, script] of Object.entries(value.scripts)) if (typeof script === 'string') scripts[name] = script;
  const dependencies = new Set<string>();
  for (const field of ['dependencies', 'devDependencies']) {
    const entries = value[field];
    if (isRecord(entries)) for (const name of Object.keys(entries)) dependencies.add(name);
  }
  return { scripts, dependencies, keys: new Set(Object.keys(value)) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
