// Every `imperium` command (bundled to dist/fullCli.js).
import { COMMANDS } from './commands';
import { runProcessCli } from './processCli';

runProcessCli(COMMANDS);
