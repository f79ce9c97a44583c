// Builds the two bundles (extension host: Node/CommonJS; webview: browser/ESM) and, with --tests,
// the integration-test entry points. Flags: --watch, --production (minified, no source maps), --tests,
// --quiet (no size table).
import * as esbuild from 'esbuild';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');
const quiet = args.has('--quiet');

/**
 * zod's `z` namespace carries `z.locales`, every language's error messages (about 265 KB), which
 * nothing here uses: the messages stay English. The bundles get a locales module with English only.
 * @type {esbuild.Plugin}
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-english-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * Libraries loaded on first use from files of their own beside the bundles, not inside them: the
 * tokenizer's vocabulary (most of the bundle's size), secretlint's rules, and IntegrationBot's client
 * generator (openapi-typescript with the TypeScript compiler it needs). Their entry modules
 * import nothing of ours, so nothing is loaded twice; the sources import them dynamically.
 */
const LAZY_LIBRARIES = { tokenizer: 'src/llm/o200kTokenizer.ts', secretlint: 'src/core/board/secretlintRules.ts', openApiTypescript: 'src/infra/apiDescription/openApiTypescript.ts' };

/** @type {esbuild.Plugin} */
const lazyLibraries = {
  name: 'lazy-libraries',
  setup(build) {
    build.onResolve({ filter: /\/(o200kTokenizer|secretlintRules|openApiTypescript)$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const name = Object.entries(LAZY_LIBRARIES).find(([, source]) => source.endsWith(`${args.path.split('/').pop()}.ts`))?.[0];
      return name === undefined ? undefined : { path: `./${name}.js`, external: true };
    });
  },
};

/**
 * The entry point's require of the host is left to run time, to dist/host.js, so that loading the
 * host is part of the activation the extension measures.
 * @type {esbuild.Plugin}
 */
const hostBundle = {
  name: 'host-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/host\/activate$/ }, (args) =>
      args.kind === 'require-call' && args.importer.endsWith(join('src', 'extension.ts')) ? { path: './host.js', external: true } : undefined,
    );
    // What activation does not need, loaded on first use (src/host/lazyEngine.ts).
    build.onResolve({ filter: /^\.\/engine$/ }, (args) =>
      args.kind === 'dynamic-import' && args.importer.endsWith(join('src', 'host', 'lazyEngine.ts')) ? { path: './engine.js', external: true } : undefined,
    );
    // The check of messages from a webview, loaded with the first webview (src/host/dashboard/lazyWebviewMessages.ts).
    build.onResolve({ filter: /\/webviewMessageSchema$/ }, (args) =>
      args.kind === 'dynamic-import' && args.importer.endsWith(join('src', 'host', 'dashboard', 'lazyWebviewMessages.ts')) ? { path: './webviewMessages.js', external: true } : undefined,
    );
  },
};

/**
 * `import * as vscode from 'vscode'` in a CommonJS bundle copies the editor's API object (hundreds
 * of names) into a new namespace object once per importing file: 41 times in dist/host.js, most of
 * the time it took to run the bundle. Every file imports it through one module instead, so each
 * bundle copies it once.
 * @type {esbuild.Plugin}
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';\n", loader: 'js' }));
  },
};

/** @type {esbuild.BuildOptions} */
const common = {
  plugins: [zodEnglishOnly],
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

/**
 * The Node bundles are CommonJS. A dynamic import() there would go through Node's ES module loader,
 * which lexes the whole file it loads for its exports (about 70 ms for secretlint's rules); the
 * require() esbuild writes instead does not.
 * @type {esbuild.BuildOptions}
 */
const node = { platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], supported: { 'dynamic-import': false } };

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    // A few lines of entry point, the host bundle it loads on activation (hostBundle below), and the
    // engine bundle and the webview message check the host loads on first use.
    entryPoints: { extension: 'src/extension.ts', host: 'src/host/activate.ts', engine: 'src/host/engine.ts', webviewMessages: 'src/shared/webviewMessageSchema.ts' },
    outdir: 'dist',
    ...node,
    // Everything but the editor's own module is bundled, the ESM-only lowdb included.
    // The Conductor SDK's optional undici is left out: it gets the global fetch (infra/conductor/).
    // playwright-core reads its own files at run time, so it is loaded from node_modules when a page
    // is first checked (DesignBot, the design workflow, Check This Page's UI), never bundled.
    external: ['vscode', 'undici', 'playwright-core'],
    plugins: [zodEnglishOnly, lazyLibraries, hostBundle, vscodeOnce],
  },
  {
    ...common,
    // The headless engine for CI and the demo (`imperium` in package.json "bin"): a small entry that
    // loads either the `tests` command's own bundle (the test runners only) or the whole CLI.
    entryPoints: { cli: 'src/cli/main.ts', testsCli: 'src/cli/testsCli.ts', fullCli: 'src/cli/fullCli.ts' },
    // playwright-core reads its own files at run time (browsers.json), so it cannot be bundled; it is
    // a runtime dependency, loaded only by `imperium ui-check`. undici: the Conductor SDK's optional
    // transport, unused since it is given the global fetch.
    external: ['./testsCli', './fullCli', 'playwright-core', 'undici'],
    plugins: [zodEnglishOnly, lazyLibraries],
    outdir: 'dist',
    ...node,
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    // The libraries the other bundles load on first use (LAZY_LIBRARIES).
    entryPoints: LAZY_LIBRARIES,
    outdir: 'dist',
    ...node,
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
// The integration runner loads every compiled test file it finds: one of a test since renamed or
// deleted would still run.
if (tests) rmSync('out/test', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(
    builds.map((options) =>
      esbuild.context({
        ...options,
        plugins: [
          ...(options.plugins ?? []),
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
  // The .vsix has no node_modules (vsce --no-dependencies), so the one package the bundles load from
  // disk travels beside them: dist/engine.js and dist/fullCli.js find dist/node_modules/playwright-core
  // first. Its type declarations are left out; LICENSE and NOTICE go with it.
  if (production) {
    cpSync('node_modules/playwright-core', 'dist/node_modules/playwright-core', {
      recursive: true,
      filter: (source) => !/^node_modules[\\/]playwright-core[\\/](types|index\.d\.ts)/.test(source),
    });
  }
}
