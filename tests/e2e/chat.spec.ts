import { expect, test } from '@playwright/test'
import { type Harness, setTheme, shot, startHarness } from './harness'

let h: Harness
test.afterEach(async () => {
  await h?.stop()
})

test('first run: onboarding refuses an invalid key, stores a valid one, then chats', async ({ page }) => {
  h = await startHarness()
  // Every response the page receives (bridge calls, the API, the UI's files), to search them for the key.
  const bodies: Array<Promise<{ url: string; text: string }>> = []
  page.on('response', (r) => {
    bodies.push(
      r.text().then(
        (text) => ({ url: r.url(), text }),
        () => ({ url: r.url(), text: '' }),
      ),
    )
  })
  await page.goto(h.app.openUrl)
  await expect(page.getByRole('heading', { name: 'Welcome to LocalRouter' })).toBeVisible()
  // The admin key leaves the address bar at once.
  expect(page.url()).not.toContain('admin=')
  await expect(page.getByText('not running').first()).toBeVisible()
  await shot(page, 'onboarding-light')
  await setTheme(page, 'dark')
  await shot(page, 'onboarding-dark')
  await setTheme(page, 'light')
  await page.getByLabel('OpenAI API key').fill('sk-invalid-fake-key-0000000000000000')
  await page.getByRole('button', { name: 'Save and start' }).click()
  await expect(page.getByRole('alert')).toContainText('refused this key')
  await page.getByLabel('OpenAI API key').fill('sk-e2e-good-key-9876')
  await page.getByRole('button', { name: 'Save and start' }).click()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Message' }).fill('hello there')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('article', { name: /Answer from/ })).toContainText('You said: hello there')
  // The provider saw the stored key, which lives in the OS keychain; the page never did.
  const key = 'sk-e2e-good-key-9876'
  expect(h.fake.received.at(-1)!.headers.authorization).toBe(`Bearer ${key}`)
  expect(await h.secrets.keys.get('openai')).toBe(key)
  await page.keyboard.press('Control+,')
  await expect(
    page.getByRole('dialog', { name: 'Settings' }).getByLabel('Stored key sk-...9876'),
  ).toBeVisible()
  const forms = [key, Buffer.from(key).toString('base64'), encodeURIComponent(key)]
  const html = await page.content()
  const storage = await page.evaluate(() => {
    const dump = (s: Storage) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`)
    return [...dump(localStorage), ...dump(sessionStorage)].join('\n')
  })
  const received = await Promise.all(bodies)
  expect(received.filter((r) => r.url.includes('/bridge/keys.set')).length).toBeGreaterThan(0)
  // The bodies were read: the masked form is there, the key is not.
  expect(
    received.some((r) => r.url.includes('/bridge/providers.list') && r.text.includes('sk-...9876')),
  ).toBe(true)
  for (const form of forms) {
    expect(html).not.toContain(form)
    expect(storage).not.toContain(form)
    for (const r of received) expect(r.text, r.url).not.toContain(form)
  }
})

test('chat: streaming markdown with code, footer, stop, regenerate, edit and branches', async ({ page }) => {
  h = await startHarness({ withKey: true })
  await page.goto(h.app.openUrl)
  await page.getByRole('button', { name: /Model:/ }).click()
  await page.getByRole('searchbox', { name: 'Search models' }).fill('echo')
  await page.getByRole('option', { name: 'openai/echo' }).click()
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill('Show code:\n```js\nconst x = 1\n```\n| a | b |\n|---|---|\n| 1 | 2 |')
  await input.press('Enter')
  const answer = page.getByRole('article', { name: 'Answer from openai/echo' }).last()
  await expect(answer.locator('.code-block .code-lang')).toHaveText('js')
  await expect(answer.getByRole('button', { name: 'Copy js code' })).toBeVisible()
  await expect(answer.locator('.hljs-keyword').first()).toHaveText('const')
  await expect(answer.getByLabel('Answer details')).toContainText('11 in · 7 out')
  await expect(answer.getByLabel('Answer details')).toContainText('TTFT')
  await shot(page, 'chat-light')
  await setTheme(page, 'dark')
  await shot(page, 'chat-dark')
  await setTheme(page, 'light')

  // Regenerate: a second branch under the same question, switchable.
  await answer.getByRole('button', { name: 'Regenerate answer' }).click()
  await expect(page.getByRole('group', { name: 'Branches' }).last()).toContainText('2 / 2')
  await page.getByRole('button', { name: 'Previous branch' }).last().click()
  await expect(page.getByRole('group', { name: 'Branches' }).last()).toContainText('1 / 2')

  // Edit and resend: the old question stays as a branch.
  await page.getByRole('button', { name: 'Edit and resend' }).click()
  await page.getByLabel('Edit message').fill('edited question')
  await page.getByRole('button', { name: 'Save and resend' }).click()
  await expect(page.getByRole('article', { name: /Answer from/ }).last()).toContainText(
    'You said: edited question',
  )
  await page
    .getByRole('article', { name: 'Your message' })
    .getByRole('button', { name: 'Previous branch' })
    .click()
  await expect(page.getByRole('article', { name: 'Your message' })).toContainText('Show code')

  // Stop: a long answer is cut and marked.
  await input.fill(Array.from({ length: 200 }, (_, i) => `word${i}`).join(' '))
  await input.press('Enter')
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible()
  await page.waitForTimeout(200)
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(page.getByRole('article', { name: /Answer from/ }).last()).toContainText('stopped')
  await expect.poll(() => h.fake.aborted).toBeGreaterThan(0)
})

test('errors are human and offer the fix', async ({ page }) => {
  h = await startHarness({ withKey: true })
  await page.goto(h.app.openUrl)
  const pick = async (id: string) => {
    await page.getByRole('button', { name: /Model:/ }).click()
    await page.getByRole('searchbox', { name: 'Search models' }).fill(id)
    await page.getByRole('option', { name: `openai/${id}` }).click()
  }
  const input = page.getByRole('textbox', { name: 'Message' })
  await pick('fail-429')
  await input.fill('hi')
  await input.press('Enter')
  await expect(page.getByRole('alert').last()).toContainText('rate limiting you')
  await expect(page.getByRole('alert').last().getByRole('button', { name: 'Retry' })).toBeVisible()
  await pick('fail-500')
  await input.fill('hi')
  await input.press('Enter')
  await expect(page.getByRole('alert').last()).toContainText('having problems')
  await pick('fail-401')
  await input.fill('hi')
  await input.press('Enter')
  await expect(page.getByRole('alert').last()).toContainText('refused the key')
  // The view follows the conversation to its newest answer, error boxes included.
  await expect(page.getByRole('alert').last()).toBeInViewport({ ratio: 1 })
  await expect(page.getByRole('button', { name: /Jump to latest/ })).toHaveCount(0)
  await shot(page, 'errors-light')
  await page.getByRole('alert').last().getByRole('button', { name: 'Replace key' }).click()
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
  // No key: remove it in Settings, then chat.
  await page.getByRole('button', { name: 'Remove OpenAI key' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Key removed' })).toBeVisible()
  await page.getByRole('button', { name: 'Close settings' }).click()
  await input.fill('hi')
  await input.press('Enter')
  await expect(page.getByRole('alert').last()).toContainText('No API key for OpenAI')
  await expect(page.getByRole('alert').last().getByRole('button', { name: 'Add key' })).toBeVisible()
})

test('compare: two models side by side, each with its own footer, continue as chat', async ({ page }) => {
  h = await startHarness({ withKey: true })
  await page.goto(h.app.openUrl)
  await page.getByRole('button', { name: 'Compare models' }).click()
  await expect(page.getByRole('region', { name: /Column 2/ })).toBeVisible()
  await page.getByRole('button', { name: 'Add model' }).click()
  await page.getByRole('searchbox', { name: 'Search models' }).fill('echo')
  await page.getByRole('option', { name: 'openai/echo' }).click()
  await expect(page.getByRole('region', { name: /Column 3/ })).toBeVisible()
  await page.getByRole('textbox', { name: 'Prompt for every model' }).fill('compare me')
  await page.getByRole('button', { name: /Send to 3 models/ }).click()
  for (const i of [1, 2, 3])
    await expect(page.getByRole('region', { name: new RegExp(`Column ${i}`) })).toContainText(
      'You said: compare me',
    )
  await expect(page.getByLabel(/details$/).first()).toContainText('11 in · 7 out')
  await shot(page, 'compare-light')
  await setTheme(page, 'dark')
  await shot(page, 'compare-dark')
  await setTheme(page, 'light')
  await page
    .getByRole('region', { name: /Column 1/ })
    .getByRole('button', { name: 'Continue as chat' })
    .click()
  await expect(page.getByRole('article', { name: /Answer from/ })).toContainText('You said: compare me')
})

/**
 * Recorded from the page's first script on: every text a finished answer showed that still carried
 * markdown syntax. A MutationObserver runs before the browser paints, so even a one-frame flash of raw
 * markdown (text first, formatting a frame later) is caught.
 */
function recordRawMarkdown(): void {
  const w = window as unknown as { __rawMarkdown: string[] }
  w.__rawMarkdown = []
  const check = () => {
    for (const md of document.querySelectorAll(
      'article[aria-label^="Answer from"]:not([aria-busy="true"]) .md',
    )) {
      const text = md.textContent ?? ''
      if (/\*\*|```|\|---/.test(text)) w.__rawMarkdown.push(text)
    }
  }
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['aria-busy'],
  })
}

test('answers are formatted from their first frame: no raw markdown, also when reopened', async ({
  page,
}) => {
  h = await startHarness({ withKey: true })
  await page.addInitScript(recordRawMarkdown)
  await page.goto(h.app.openUrl)
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill(
    'a **bold** word, a list:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst x = 1\n```',
  )
  await input.press('Enter')
  const answer = page.getByRole('article', { name: /Answer from/ }).last()
  await expect(answer.getByLabel('Answer details')).toBeVisible()
  await expect(answer.locator('strong')).toHaveText('bold')
  await expect(answer.locator('table')).toBeVisible()
  await expect(answer.locator('.code-block .code-lang')).toHaveText('js')
  await expect(answer.locator('.md')).not.toContainText('**')
  const raw = () => page.evaluate(() => (window as unknown as { __rawMarkdown: string[] }).__rawMarkdown)
  expect(await raw()).toEqual([])

  // Reopened after a reload (the first show of a stored answer) and after switching conversations.
  await page.reload()
  const nav = page.getByRole('navigation', { name: 'Conversations' })
  const title = nav.getByRole('button', { name: /^a \*\*bold\*\* word/ })
  await title.click()
  await expect(answer.locator('strong')).toHaveText('bold')
  await expect(answer.locator('.md')).not.toContainText('**')
  await page.getByRole('button', { name: '+ New chat' }).click()
  await expect(page.getByRole('article', { name: /Answer from/ })).toHaveCount(0)
  await title.click()
  await expect(answer.locator('strong')).toHaveText('bold')
  expect(await raw()).toEqual([])
})
