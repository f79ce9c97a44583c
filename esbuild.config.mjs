// Builds the two bundles (extension host: Node/CommonJS; webview: browser/ESM) and, with --tests,
// the integration-test entry points. Flags: --watch, --production (minified, no source maps), --tests,
// --quiet (no size table).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');
const quiet = args.has('--quiet');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Everything but the editor's own module is bundled, the ESM-only lowdb included.
    // The Conductor SDK's optional undici is left out: it gets the global fetch (infra/conductor/).
    external: ['vscode', 'undici'],
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    // The headless engine for CI and the demo (`imperium` in package.json "bin").
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: ['undici'],
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: { webview: 'webview/src/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // The codicon stylesheet and font go inside the bundle (webview/src/theme/codicons.ts).
    loader: { '.css': 'text', '.ttf': 'binary' },
  },
];

if (tests) {
  // Integration tests run inside the editor's extension host; their packages (mocha) stay external
  // and resolve from node_modules, while the project's own sources are bundled in.
  const entryPoints = listTs('test/integration').map((file) => ({
    in: file,
    out: relative('test', file).replace(/\.ts$/, ''),
  }));
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints,
    outdir: 'out/test',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
  });
}

function listTs(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : listTs(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

function printSizes(result) {
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.map') || !file.startsWith('dist/')) continue;
    console.log(`${file.padEnd(24)} ${(output.bytes / 1024).toFixed(1).padStart(8)} KiB`);
  }
}

// A production build starts from an empty dist/, so no source map of a dev build is packaged.
if (production) rmSync('dist', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(
    builds.map((options) =>
      esbuild.context({
        ...options,
        plugins: [
          {
            name: 'report',
            setup(build) {
              build.onStart(() => console.log('[watch] build started'));
              build.onEnd((result) => {
                if (result.errors.length === 0) printSizes(result);
                console.log(`[watch] build finished (${result.errors.length} errors)`);
              });
            },
          },
        ],
      }),
    ),
  );
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('[watch] watching for changes');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  if (!quiet) results.forEach(printSizes);
}
