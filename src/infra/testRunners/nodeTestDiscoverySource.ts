// Imperium's node:test listing hook, written to a file and preloaded (`--require`) into the test
// processes when tests are listed rather than run. Node 22 and later report nothing about tests a
// name pattern filters out, so listing cannot filter; instead every test a file declares is
// declared skipped, its body never runs, and the skip reason carries the file and line of the
// declaration (Node would report the place of the hook's own call). Hooks (before, afterEach...) are not run either; suites
// run their bodies, which is where their tests are declared. `require('node:test')` is answered by
// the hook's module, `import ... from 'node:test'` too, through a module resolution hook.
// Plain JavaScript that imports only Node's modules: it runs in the project's own Node.

/** The start of the skip reason the hook gives a declared test; JSON of its file and line follows. */
export const DECLARED_AT = 'imperium-declared-at:';

export const NODE_TEST_DISCOVERY_SOURCE = String.raw`
'use strict';
const Module = require('node:module');
const real = require('node:test');

const DECLARED_AT = '${DECLARED_AT}';
const SHARED = Symbol.for('imperium.nodeTestDiscovery');
const TEST_VARIANTS = ['skip', 'todo', 'only'];
const HOOKS = ['before', 'after', 'beforeEach', 'afterEach'];

/** A test-declaring function that declares the test skipped where the caller declares it, and never runs its body. */
function declaring(declare) {
  const declared = function (...args) {
    const holder = {};
    Error.captureStackTrace(holder, declared);
    // "    at Object.<anonymous> (/w/test/a.test.js:12:3)", "    at file:///w/test/a.test.mjs:12:3"
    const frame = /^\s*at (?:.*\((.+):(\d+):\d+\)|(.+):(\d+):\d+)$/.exec(holder.stack.split('\n')[1] || '');
    const place = frame ? { file: frame[1] || frame[3], line: Number(frame[2] || frame[4]) } : {};
    const name = typeof args[0] === 'string' ? [args[0]] : [];
    const options = args.find((arg) => arg !== null && typeof arg === 'object') || {};
    const body = args.find((arg) => typeof arg === 'function');
    return declare(...name, { ...options, skip: DECLARED_AT + JSON.stringify(place) }, ...(body ? [body] : []));
  };
  return declared;
}

/** test.skip, it.only...: listed like the others, since nothing runs anyway. */
function withVariants(declared, declare) {
  for (const variant of TEST_VARIANTS) if (typeof declare[variant] === 'function') declared[variant] = declaring(declare);
  return declared;
}

// The module is the test function itself, with describe, it, the hooks, mock... as its properties.
const listing = declaring(real);
for (const key of Object.keys(real)) listing[key] = real[key];
listing.test = withVariants(listing, real);
listing.it = withVariants(declaring(real.it), real.it);
for (const hook of HOOKS) if (typeof real[hook] === 'function') listing[hook] = () => undefined;
process[SHARED] = listing;

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'node:test' ? listing : load.call(this, request, ...rest);
};

// ES modules import node:test through module hooks: in this thread where Node has them (22.15),
// else on the hooks' own thread (20.6). The module they hand out is made of the listing functions.
const URL = 'imperium-discovery:node-test';
const SOURCE =
  'const listing = process[Symbol.for(' + JSON.stringify(SHARED.description) + ')];\n' +
  'export default listing;\n' +
  Object.keys(real).map((name) => 'export const ' + name + ' = listing.' + name + ';\n').join('');
if (typeof Module.registerHooks === 'function') {
  Module.registerHooks({
    resolve: (specifier, context, next) => (specifier === 'node:test' ? { url: URL, shortCircuit: true } : next(specifier, context)),
    load: (url, context, next) => (url === URL ? { format: 'module', source: SOURCE, shortCircuit: true } : next(url, context)),
  });
} else if (typeof Module.register === 'function') {
  const hooks =
    'export async function resolve(specifier, context, next) {\n' +
    '  return specifier === "node:test" ? { url: ' + JSON.stringify(URL) + ', shortCircuit: true } : next(specifier, context);\n' +
    '}\n' +
    'export async function load(url, context, next) {\n' +
    '  return url === ' + JSON.stringify(URL) + ' ? { format: "module", source: ' + JSON.stringify(SOURCE) + ', shortCircuit: true } : next(url, context);\n' +
    '}\n';
  Module.register('data:text/javascript,' + encodeURIComponent(hooks));
}
`;
