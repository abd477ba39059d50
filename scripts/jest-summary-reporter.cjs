// Ends every jest run with one plain line, "tests: N passed, N failed", that CI log readers understand.
// Written at process exit so that it comes after jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    const line = `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`
    process.once('exit', () => process.stderr.write(line))
  }
}
module.exports = SummaryReporter
