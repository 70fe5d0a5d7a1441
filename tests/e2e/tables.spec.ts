/** Wide markdown tables in an answer: readable columns, scrolled sideways instead of squeezed. */
import { expect, test } from '@playwright/test'
import { type Harness, setTheme, shot, startHarness } from './harness'

let h: Harness
test.afterEach(async () => {
  await h?.stop()
})

const HEAD = [
  'Provider',
  'Model',
  'Context',
  'Input price',
  'Output price',
  'Cache read',
  'Thinking',
  'Notes',
]
const ROWS = [
  [
    'Anthropic',
    'claude-sonnet-4-5',
    '200k tokens',
    '$3 / M',
    '$15 / M',
    '$0.30 / M',
    'budget',
    'Structured outputs',
  ],
  [
    'Google',
    'gemini-2.5-flash',
    '1M tokens',
    '$0.30 / M',
    '$2.50 / M',
    '$0.03 / M',
    'budget 0 to 24576',
    'Thinking can be turned off',
  ],
  [
    'OpenAI',
    'gpt-4.1-mini',
    '1M tokens',
    '$0.40 / M',
    '$1.60 / M',
    '$0.10 / M',
    'none',
    'A long note that is a sentence or two: it should wrap inside a column of readable width rather than stretch the table into one very long line.',
  ],
]
const table = [HEAD, HEAD.map(() => '---'), ...ROWS].map((r) => `| ${r.join(' | ')} |`).join('\n')

test('a wide table keeps its columns readable and scrolls sideways', async ({ page }) => {
  h = await startHarness({ withKey: true })
  await page.goto(h.app.openUrl)
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill(`Compare them:\n\n${table}\n`)
  await input.press('Enter')
  const answer = page.getByRole('article', { name: /Answer from/ }).last()
  await expect(answer.getByLabel('Answer details')).toBeVisible()
  const wrap = answer.locator('.table-wrap')
  await expect(wrap.locator('tbody tr')).toHaveCount(3)
  await shot(page, 'table-wide-light')
  await setTheme(page, 'dark')
  await wrap.evaluate((el) => (el.scrollLeft = el.scrollWidth))
  await shot(page, 'table-wide-scrolled-dark')
  await setTheme(page, 'light')
  await wrap.evaluate((el) => (el.scrollLeft = 0))

  const m = await wrap.evaluate((el) => {
    const cells = [...el.querySelectorAll('th, td')] as HTMLElement[]
    const lineHeight = parseFloat(getComputedStyle(cells[0]!).lineHeight)
    /** Lines of text in a cell: its content height over the line height. */
    const lines = (c: HTMLElement) => {
      const r = document.createRange()
      r.selectNodeContents(c)
      return Math.round(r.getBoundingClientRect().height / lineHeight)
    }
    const last = cells.at(-1)!
    return {
      scrolls: el.scrollWidth > el.clientWidth + 20,
      // Every cell but the long note is on one line.
      multiLine: cells.filter((c) => c !== last && lines(c) > 1).map((c) => c.textContent),
      noteLines: lines(last),
      noteWidth: last.getBoundingClientRect().width,
      charWidth: parseFloat(getComputedStyle(last).fontSize),
      pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    }
  })
  // The table scrolls inside its own box, not the page.
  expect(m.scrolls).toBe(true)
  expect(m.pageScrolls).toBe(false)
  expect(m.multiLine).toEqual([])
  // The long note wraps in a column of readable width (a few lines, not one line across the screen).
  expect(m.noteLines).toBeGreaterThan(1)
  expect(m.noteLines).toBeLessThan(6)
  expect(m.noteWidth).toBeLessThan(m.charWidth * 30)
})
