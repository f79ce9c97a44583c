// Mocha's spec reporter, plus the run's counts written as JSON to $IMPERIUM_RESULTS_FILE, so that
// scripts/test.mjs can sum every suite into the one closing line CI reads.
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

class CountingSpecReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.IMPERIUM_RESULTS_FILE;
      if (!file) return;
      const { passes, failures, pending } = this.stats;
      writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
    });
  }
}

module.exports = CountingSpecReporter;
