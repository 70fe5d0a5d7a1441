/** One plain line per test (`passed`, `failed` with its error, or `skipped` with its reason). */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter'

export default class PlainReporter implements Reporter {
  onTestEnd(test: TestCase, result: TestResult): void {
    const title = test.titlePath().filter(Boolean).slice(1).join(' › ')
    if (result.status === 'skipped') {
      const why = test.annotations.find((a) => a.type === 'skip')?.description
      console.log(`skipped: ${why ?? title}`)
    } else if (result.status === 'passed') console.log(`passed: ${title} (${result.duration} ms)`)
    else console.log(`${result.status}: ${title}\n${result.errors.map((e) => e.message ?? '').join('\n')}`)
  }
}
