// `imperium tests` on its own (bundled to dist/testsCli.js): the test runners and nothing of the
// engine, models, memory or tokenizer, so running a folder's tests costs little more than the
// framework's own command.
import { runProcessCli } from './processCli';
import { testsCommand } from './testsCommand';

runProcessCli([testsCommand]);
