// The desktop smoke test (Playwright's `_electron`). Runs wherever an Electron binary is installed;
// elsewhere its one test skips and the reporter says so in one line.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: 'electron-smoke.spec.ts',
  workers: 1,
  // Not test-results/ itself: Playwright empties its outputDir, and the other suites' reports live there.
  outputDir: 'test-results/electron-artifacts',
  timeout: 90_000,
  reporter: [['./tests/e2e/plain-reporter.ts'], ['json', { outputFile: 'test-results/electron.json' }]],
})
