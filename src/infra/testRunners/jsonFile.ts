// Reads a JSON file a project owns (package.json and the like): undefined when it is missing, an
// error naming the file when it is not valid JSON.
import { readFile } from 'node:fs/promises';

export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
