// Adds up the JSON reports of every suite (Vitest, Playwright) into one closing line.
import { existsSync, readFileSync } from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
let missing = 0
// Each argument is a report, optionally with its runner's exit code: `test-results/vitest.json:1`.
for (const arg of process.argv.slice(2)) {
  const m = /^(.*):(\d+)$/.exec(arg)
  const file = m ? m[1] : arg
  const exitCode = m ? Number(m[2]) : 0
  const failedBefore = failed
  if (!existsSync(file)) {
    console.error(`no report at ${file}: that suite did not run`)
    missing++
    continue
  }
  const r = JSON.parse(readFileSync(file, 'utf8'))
  if (typeof r.numPassedTests === 'number') {
    // Vitest (Jest-compatible JSON)
    passed += r.numPassedTests
    failed += r.numFailedTests
    skipped += r.numPendingTests + (r.numTodoTests ?? 0)
    // A file that failed with no failed test (it did not load, or a beforeAll / afterAll hook threw)
    // counts as one failure: its tests may all have passed, the file did not.
    failed += (r.testResults ?? []).filter(
      (t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed'),
    ).length
  } else if (r.stats) {
    // Playwright
    passed += (r.stats.expected ?? 0) + (r.stats.flaky ?? 0)
    failed += r.stats.unexpected ?? 0
    skipped += r.stats.skipped ?? 0
  }
  // The runner failed though its report shows no failure (Vitest's unhandled errors or rejections, a
  // global setup that threw): one failure, so the closing line never says 0 failed on a red run.
  if (exitCode !== 0 && failed === failedBefore) {
    console.error(
      `${file}: its runner exited ${exitCode} with no failed test in the report (see its output above)`,
    )
    failed++
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || missing > 0 || passed === 0 ? 1 : 0)
