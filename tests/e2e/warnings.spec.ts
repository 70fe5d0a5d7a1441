import { expect, test } from '@playwright/test'
import { type Harness, setTheme, shot, startHarness } from './harness'

let h: Harness
test.afterEach(async () => {
  await h?.stop()
})

const CLAUDE = 'anthropic/claude-sonnet-4-5-20250929'

test('a setting the provider clamps shows in the answer footer, opens from the keyboard, survives a reload, and shows in compare', async ({
  page,
}) => {
  h = await startHarness({ withKey: true, anthropic: true })
  await page.goto(h.app.openUrl)
  await page.getByRole('button', { name: /Model:/ }).click()
  await page.getByRole('searchbox', { name: 'Search models' }).fill('sonnet')
  await page.getByRole('option', { name: CLAUDE }).click()
  const input = page.getByRole('textbox', { name: 'Message' })

  // Nothing adjusted: no marker.
  await input.fill('first, with defaults')
  await input.press('Enter')
  const answers = page.getByRole('article', { name: `Answer from ${CLAUDE}` })
  await expect(answers.first()).toContainText('You said: first, with defaults')
  await expect(answers.first().getByLabel('Answer details')).toBeVisible()
  await expect(answers.first().getByRole('button', { name: /adjusted/ })).toHaveCount(0)

  // Temperature 1.5: Anthropic's range ends at 1, so the gateway sends 1 and says so.
  await page.getByRole('button', { name: /Conversation options/ }).click()
  await page.getByLabel('Temperature').fill('1.5')
  await page.getByRole('button', { name: /Conversation options/ }).click()
  await input.fill('second, a bit hotter')
  await input.press('Enter')
  const second = answers.nth(1)
  await expect(second).toContainText('You said: second, a bit hotter')
  expect(h.anthropic!.received.at(-1)!.body).toMatchObject({ temperature: 1 })
  const marker = second.getByRole('button', { name: /1 setting adjusted/ })
  await expect(marker).toBeVisible()
  await expect(marker).toHaveAttribute('aria-expanded', 'false')
  await expect(second.getByRole('region', { name: 'Adjusted settings and notes' })).toHaveCount(0)

  // From the keyboard: focus, Enter opens the provider's own message.
  await marker.focus()
  await page.keyboard.press('Enter')
  await expect(marker).toHaveAttribute('aria-expanded', 'true')
  const list = second.getByRole('region', { name: 'Adjusted settings and notes' })
  await expect(list).toContainText('temperature')
  await expect(list).toContainText("Anthropic's temperature goes up to 1; 1.5 was sent as 1")
  await shot(page, 'warnings-light')
  await setTheme(page, 'dark')
  await shot(page, 'warnings-dark')
  await setTheme(page, 'light')
  await page.keyboard.press('Enter')
  await expect(list).toHaveCount(0)

  // Kept with the message in history: a reload shows it again.
  await page.reload()
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: /^first, with defaults/ })
    .click()
  const reopened = page.getByRole('article', { name: `Answer from ${CLAUDE}` })
  await expect(reopened).toHaveCount(2)
  await expect(reopened.first().getByRole('button', { name: /adjusted/ })).toHaveCount(0)
  await reopened
    .nth(1)
    .getByRole('button', { name: /1 setting adjusted/ })
    .click()
  await expect(reopened.nth(1).getByRole('region', { name: 'Adjusted settings and notes' })).toContainText(
    '1.5 was sent as 1',
  )

  // Compare (this conversation's temperature): only the Claude column was adjusted.
  await page.getByRole('button', { name: 'Compare models' }).click()
  const columns = page.getByRole('region', { name: /^Column \d/ })
  await expect(columns).toHaveCount(2)
  await expect(columns.first()).toHaveAccessibleName(`Column 1: ${CLAUDE}`)
  await expect(columns.nth(1)).toHaveAccessibleName(/Column 2: openai\//)
  await page.getByRole('textbox', { name: 'Prompt for every model' }).fill('compare me')
  await page.getByRole('button', { name: /Send to 2 models/ }).click()
  for (const c of [columns.first(), columns.nth(1)]) await expect(c).toContainText('You said: compare me')
  await expect(columns.nth(1).getByLabel(/details$/)).toBeVisible()
  await expect(columns.nth(1).getByRole('button', { name: /adjusted/ })).toHaveCount(0)
  await columns
    .first()
    .getByRole('button', { name: /1 setting adjusted/ })
    .click()
  await expect(columns.first().getByRole('region', { name: 'Adjusted settings and notes' })).toContainText(
    '1.5 was sent as 1',
  )
  await shot(page, 'warnings-compare-light')
  await setTheme(page, 'dark')
  await shot(page, 'warnings-compare-dark')
})
