// openapi-typescript and the TypeScript compiler it prints with (about 4 MiB minified), built into a
// bundle of their own (dist/openApiTypescript.js, esbuild.config.mjs) that is loaded when a client is
// first generated, so the package carries them without node_modules. Imports nothing of ours.
export { default, astToString } from 'openapi-typescript';
