// Finds a Java that can run the Conductor server: 21 or newer (its build's toolchain). Looks at
// $IMPERIUM_JAVA, $JAVA_HOME, the JDKs under /usr/lib/jvm and `java` on PATH, and takes the newest.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const MINIMUM_JAVA = 21;

export interface JavaRuntime {
  readonly executable: string;
  readonly major: number;
}

export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  // Java 8 and older say "1.8.0".
  return first === 1 ? Number(match[2]) : first;
}

export function findJava(env: NodeJS.ProcessEnv = process.env): JavaRuntime {
  const candidates = new Set<string>();
  if (env.IMPERIUM_JAVA) candidates.add(env.IMPERIUM_JAVA);
  if (env.JAVA_HOME) candidates.add(join(env.JAVA_HOME, 'bin', 'java'));
  if (existsSync('/usr/lib/jvm')) for (const name of readdirSync('/usr/lib/jvm')) candidates.add(join('/usr/lib/jvm', name, 'bin', 'java'));
  candidates.add('java');
  const found: JavaRuntime[] = [];
  const seen: string[] = [];
  for (const executable of candidates) {
    if (executable !== 'java' && !existsSync(executable)) continue;
    const result = spawnSync(executable, ['-version'], { encoding: 'utf8' });
    if (result.error) continue;
    const major = javaMajorVersion(`${result.stderr}${result.stdout}`);
    if (major === undefined) continue;
    seen.push(`${executable} (${major})`);
    if (major >= MINIMUM_JAVA) found.push({ executable, major });
  }
  found.sort((a, b) => b.major - a.major);
  const best = found[0];
  if (!best) {
    throw new Error(`The Conductor server needs Java ${MINIMUM_JAVA} or newer; found ${seen.length > 0 ? seen.join(', ') : 'no Java at all'}. Install one (apt-get install openjdk-${MINIMUM_JAVA}-jre-headless or newer) or set IMPERIUM_JAVA.`);
  }
  return best;
}
