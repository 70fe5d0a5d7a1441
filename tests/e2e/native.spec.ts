/**
 * The chat UI with Anthropic and Gemini models (fake upstreams on loopback speaking their real protocols):
 * thinking shown apart from the answer, answers that end early, rate limits, switching provider mid-conversation.
 */
import { expect, type Page, test } from '@playwright/test'
import { type Harness, setTheme, shot, startHarness } from './harness'

let h: Harness
test.afterEach(async () => {
  await h?.stop()
})

const NATIVE = [
  'fixture-thinking',
  'fixture-max-tokens',
  'fixture-content-filter',
  'fail-429',
  'fixture-text',
]

async function pick(page: Page, id: string): Promise<void> {
  await page.getByRole('button', { name: /Model:/ }).click()
  await page.getByRole('searchbox', { name: 'Search models' }).fill(id)
  await page.getByRole('option', { name: id, exact: true }).click()
}

async function say(page: Page, text: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill(text)
  await input.press('Enter')
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeVisible()
}

type Sent = { messages?: Array<{ role: string; content: unknown }>; contents?: unknown[] }

test('thinking from Claude and Gemini streams apart from the answer, folds, survives a reload, goes back to the same model only', async ({
  page,
}) => {
  h = await startHarness({
    withKey: true,
    anthropic: true,
    gemini: true,
    nativeModels: NATIVE,
    chunkDelayMs: 120,
  })
  await page.goto(h.app.openUrl)
  await pick(page, 'anthropic/fixture-thinking')
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill('What is 27 * 453?')
  await input.press('Enter')
  const claude = page.getByRole('article', { name: 'Answer from anthropic/fixture-thinking' })
  // While it thinks: open, streaming, labelled as thinking, and no answer text yet.
  const thinking = claude.getByRole('button', { name: /Thinking…/ })
  await expect(thinking).toHaveAttribute('aria-expanded', 'true')
  await expect(claude.getByRole('region', { name: 'Reasoning' })).toContainText('27 * 400')
  await shot(page, 'native-thinking-streaming')
  // Done: folded, the answer alone in the body, the thinking tokens in the footer.
  await expect(claude.getByLabel('Answer details')).toContainText('(40 thinking)')
  // TTFT counts the first thought; when the answer itself began is shown beside it.
  const timing = claude.getByLabel('Answer details').getByTitle(/^Time to first token/)
  await expect(timing).toHaveText(/^TTFT [\d.]+ m?s · answer [\d.]+ m?s$/)
  await expect(timing).toHaveAttribute('title', /thinking came first.*answer itself began at/)
  const folded = claude.getByRole('button', { name: /Reasoning/ })
  await expect(folded).toHaveAttribute('aria-expanded', 'false')
  await expect(claude.locator('.md')).toHaveText('12231')
  await expect(claude.getByRole('region', { name: 'Reasoning' })).toHaveCount(0)
  await folded.click()
  await expect(claude.getByRole('region', { name: 'Reasoning' })).toContainText('= 10800 + 1431 = 12231')
  await shot(page, 'native-thinking-open-light')
  await setTheme(page, 'dark')
  await shot(page, 'native-thinking-open-dark')
  await setTheme(page, 'light')

  // Gemini's thought parts: the same.
  await pick(page, 'gemini/fixture-thinking')
  await say(page, 'And with Gemini?')
  const gem = page.getByRole('article', { name: 'Answer from gemini/fixture-thinking' })
  await expect(gem.locator('.md')).toHaveText('12231')
  await gem.getByRole('button', { name: /Reasoning/ }).click()
  await expect(gem.getByRole('region', { name: 'Reasoning' })).toContainText('27 * 400')
  // Claude's thinking was not sent to Gemini (it could not verify it): no "left out" warning either.
  await expect(gem.getByRole('button', { name: /adjusted/ })).toHaveCount(0)
  const toGemini = h.gemini!.received.at(-1)!.body as { contents: Array<{ role: string; parts: unknown[] }> }
  expect(toGemini.contents[1]).toEqual({ role: 'model', parts: [{ text: '12231' }] })

  // Back to the Claude model that thought: its signed thinking goes back with its answer.
  await pick(page, 'anthropic/fixture-thinking')
  await say(page, 'And once more?')
  const toClaude = h.anthropic!.received.at(-1)!.body as Sent
  expect(toClaude.messages![1]!.content).toEqual([
    expect.objectContaining({ type: 'thinking', signature: expect.any(String) }),
    { type: 'text', text: '12231' },
  ])
  // Gemini's own answer went to Claude as text only.
  expect(toClaude.messages![3]!.content).toEqual([{ type: 'text', text: '12231' }])

  // Escape while it thinks: stopped, the thoughts so far kept (folded), and the empty answer is not sent next.
  await input.fill('Think, then I stop you')
  await input.press('Enter')
  const last = claude.last()
  await expect(last.getByRole('button', { name: /Thinking…/ })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(last.getByLabel('Answer details')).toContainText('stopped')
  await expect(last.getByRole('button', { name: /Reasoning/ })).toHaveAttribute('aria-expanded', 'false')
  await say(page, 'Never mind')
  const afterStop = (h.anthropic!.received.at(-1)!.body as Sent).messages!
  expect(afterStop.at(-1)).toEqual({
    role: 'user',
    content: [
      { type: 'text', text: 'Think, then I stop you' },
      { type: 'text', text: 'Never mind' },
    ],
  })

  // Kept in history: a reload shows the reasoning, folded.
  await page.reload()
  await page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: /^What is 27/ })
    .click()
  await expect(claude.first().getByRole('button', { name: /Reasoning/ })).toHaveAttribute(
    'aria-expanded',
    'false',
  )
  await claude
    .first()
    .getByRole('button', { name: /Reasoning/ })
    .click()
  await expect(claude.first().getByRole('region', { name: 'Reasoning' })).toContainText('27 * 400')
})

test('an answer cut at the token limit or stopped by a safety filter says so; a 429 says how long to wait', async ({
  page,
}) => {
  h = await startHarness({ withKey: true, anthropic: true, gemini: true, nativeModels: NATIVE })
  await page.goto(h.app.openUrl)
  await pick(page, 'anthropic/fixture-max-tokens')
  await say(page, 'Tell me a long story')
  const cut = page.getByRole('article', { name: 'Answer from anthropic/fixture-max-tokens' })
  await expect(cut.getByRole('note', { name: 'Why the answer ended' })).toContainText(
    'Cut off at the token limit',
  )
  await pick(page, 'gemini/fixture-content-filter')
  await say(page, 'Something it will not answer')
  const filtered = page.getByRole('article', { name: 'Answer from gemini/fixture-content-filter' })
  await expect(filtered.getByRole('note', { name: 'Why the answer ended' })).toContainText(
    "Stopped by Google Gemini's safety filter",
  )
  await pick(page, 'anthropic/fail-429')
  await say(page, 'hello')
  const limited = page.getByRole('alert').last()
  await expect(limited).toContainText('Anthropic is rate limiting you')
  await expect(limited).toContainText('Anthropic asks to wait 7 seconds before trying again')
  await expect(limited).not.toContainText('..')
  await shot(page, 'native-ended-early')
  // The next model does not get the filtered (empty) answer as an empty assistant turn.
  await pick(page, 'anthropic/claude-sonnet-4-5-20250929')
  await say(page, 'next')
  const roles = (h.anthropic!.received.at(-1)!.body as Sent).messages!.map((m) => m.role)
  expect(roles).toEqual(['user', 'assistant', 'user'])
  // Prompt-cache reads show in the footer (Anthropic: 20 + 10 written + 100 read; Gemini: 130, 100 cached).
  await pick(page, 'anthropic/fixture-text')
  await say(page, 'cached?')
  await expect(
    page.getByRole('article', { name: 'Answer from anthropic/fixture-text' }).getByLabel('Answer details'),
  ).toContainText('130 in (100 cached) · 6 out')
  // No thinking: one time to first token, no separate answer start.
  await expect(
    page
      .getByRole('article', { name: 'Answer from anthropic/fixture-text' })
      .getByTitle(/^Time to first token/),
  ).toHaveText(/^TTFT [\d.]+ m?s$/)
  await pick(page, 'gemini/fixture-text')
  await say(page, 'cached too?')
  await expect(
    page.getByRole('article', { name: 'Answer from gemini/fixture-text' }).getByLabel('Answer details'),
  ).toContainText('130 in (100 cached) · 6 out')
  // A plain answer has no note.
  await expect(
    page.getByRole('article', { name: /claude-sonnet/ }).getByRole('note', { name: 'Why the answer ended' }),
  ).toHaveCount(0)
})

test('compare: thinking folds in its column, a filtered column says why, and continuing keeps the reasoning', async ({
  page,
}) => {
  h = await startHarness({ withKey: true, anthropic: true, gemini: true, nativeModels: NATIVE })
  await page.goto(h.app.openUrl)
  await page.getByRole('button', { name: 'Compare models' }).click()
  for (const id of ['anthropic/fixture-thinking', 'gemini/fixture-content-filter']) {
    await page.getByRole('button', { name: 'Add model' }).click()
    await page.getByRole('searchbox', { name: 'Search models' }).fill(id)
    await page.getByRole('option', { name: id, exact: true }).click()
  }
  await page.getByRole('textbox', { name: 'Prompt for every model' }).fill('What is 27 * 453?')
  await page.getByRole('button', { name: /Send to 4 models/ }).click()
  const claude = page.getByRole('region', { name: /: anthropic\/fixture-thinking$/ })
  const filtered = page.getByRole('region', { name: /: gemini\/fixture-content-filter$/ })
  await expect(claude.getByLabel('anthropic/fixture-thinking details')).toContainText('(40 thinking)')
  await expect(claude.locator('.md')).toHaveText('12231')
  await expect(claude.getByRole('button', { name: /Reasoning/ })).toHaveAttribute('aria-expanded', 'false')
  await expect(filtered.getByRole('note', { name: 'Why the answer ended' })).toContainText('safety filter')
  await expect(filtered).not.toContainText('Waiting for a prompt')
  await shot(page, 'native-compare')
  await claude.getByRole('button', { name: 'Continue as chat' }).click()
  const answer = page.getByRole('article', { name: 'Answer from anthropic/fixture-thinking' })
  await answer.getByRole('button', { name: /Reasoning/ }).click()
  await expect(answer.getByRole('region', { name: 'Reasoning' })).toContainText('27 * 400')
})
