// V8's compiled code of the CLI's bundles, kept between runs in the person's cache folder, so that a
// run of `imperium tests` does not compile 700 KB of JavaScript again (about 15 ms of a run, and as
// much again for the lazily compiled functions). Node 22 has module.enableCompileCache for this;
// Node 20, which the CLI supports, has not, so the bundles beside dist/cli.js are compiled through
// vm.Script with the cached data of the last run. Cached data that does not fit (another build of the
// bundle, another Node) is never offered (the file's name holds the bundle's hash and V8's version)
// or is rejected by V8, and the bundle compiles as it would without a cache.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

interface CompilingModule {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}

/** Compiles the `.js` files of `bundleFolder` with a code cache in `cacheFolder`; other modules as usual. */
export function installCompileCache(bundleFolder: string, cacheFolder: string | undefined): void {
  if (cacheFolder === undefined) return;
  const prototype = Module.prototype as unknown as CompilingModule;
  const compile = prototype._compile;
  const produced: { readonly script: Script; readonly file: string }[] = [];
  prototype._compile = function (this: CompilingModule, content: string, filename: string) {
    if (dirname(filename) !== bundleFolder || !filename.endsWith('.js')) return compile.call(this, content, filename);
    const file = join(cacheFolder, cacheName(filename, content));
    const cachedData = readOrUndefined(file);
    // A leading #! line (the CLI's banner) becomes a comment: line numbers stay as they were.
    const script = new Script(Module.wrap(content.startsWith('#!') ? `//${content}` : content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected === true) produced.push({ script, file });
    const require = Module.createRequire(filename);
    return (script.runInThisContext() as (...args: unknown[]) => unknown).call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  // Written at exit, so the cache holds the functions the run compiled lazily as well.
  process.once('exit', () => {
    for (const { script, file } of produced) writeCache(file, script.createCachedData());
  });
}

/** `<bundle>.<hash of its text>.<V8 version>-<arch>.v8cache` */
function cacheName(filename: string, content: string): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 24);
  return `${basename(filename)}.${hash}.${process.versions.v8}-${process.arch}.v8cache`;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a concurrent run reads either); the caches of the bundle's earlier builds for this Node go. */
function writeCache(file: string, data: Buffer): void {
  const bundle = basename(file).split('.').slice(0, 2).join('.');
  const node = `.${process.versions.v8}-${process.arch}.v8cache`;
  try {
    for (const name of readdirSync(dirname(file))) if (name.startsWith(`${bundle}.`) && name.endsWith(node) && name !== basename(file)) unlinkSync(join(dirname(file), name));
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written costs the next run its compile time, nothing more.
  }
}
