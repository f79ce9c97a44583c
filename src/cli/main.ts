// The `imperium` executable (bundled to dist/cli.js): picks the bundle a command needs and loads only
// that one. `imperium tests` loads the test runners alone; every other command the whole CLI. The
// requires stay external in the bundle (esbuild.config.mjs), so from the sources they load the .ts
// files and from dist/ the bundles beside this one (a synchronous require: no module loader started),
// compiled with the code cache of the last run (compileCache.ts).
/* eslint-disable @typescript-eslint/no-require-imports -- the point is loading one bundle of two */
import { userCacheFolder } from '../infra/userCacheFolder';
import { installCompileCache } from './compileCache';

installCompileCache(__dirname, userCacheFolder());
if (process.argv[2] === 'tests') require('./testsCli');
else require('./fullCli');
