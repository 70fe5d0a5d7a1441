import { defineConfig } from '@playwright/test'

// Debian's Chromium (Playwright's own browser download is not available here).
export default defineConfig({
  testDir: 'tests/e2e',
  // The desktop smoke test has its own config (playwright.electron.config.ts).
  testIgnore: 'electron-smoke.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 30_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
})
