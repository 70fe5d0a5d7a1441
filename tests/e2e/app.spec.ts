/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFile } from 'node:fs/promises'
import { expect, type Page, test } from '@playwright/test'
import { startFakeOpenAI } from '../helpers/fake-openai'
import { type Harness, setTheme, shot, startHarness } from './harness'

let h: Harness
test.afterEach(async () => {
  await h?.stop()
})

async function chat(page: Page, text: string) {
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill(text)
  await input.press('Enter')
  await expect(page.getByRole('article', { name: /Answer from/ }).last()).toContainText(`You said: ${text}`)
}

test('first run with a local model found on its port', async ({ page }) => {
  const ollama = await startFakeOpenAI({ models: ['llama3.2'] })
  try {
    h = await startHarness({ ollamaUrl: ollama.url })
    await page.goto(h.app.openUrl)
    await page.getByRole('button', { name: /Use Ollama \(1 models\)/ }).click()
    await page.getByRole('button', { name: /Model:/ }).click()
    await expect(page.getByRole('option', { name: 'ollama/llama3.2' })).toBeVisible()
    await page.getByRole('option', { name: 'ollama/llama3.2' }).click()
    await chat(page, 'local hello')
    expect(ollama.received.some((r) => r.url.endsWith('/chat/completions'))).toBe(true)
  } finally {
    await ollama.close()
  }
})

test('conversations: search, rename, export, delete; history survives a reload', async ({ page }) => {
  h = await startHarness({ withKey: true })
  await page.goto(h.app.openUrl)
  await chat(page, 'apples and pears')
  await page.getByRole('button', { name: '+ New chat' }).click()
  await chat(page, 'a question about zebras')
  await page.reload()
  const nav = page.getByRole('navigation', { name: 'Conversations' })
  await expect(nav.getByRole('button', { name: 'apples and pears', exact: true })).toBeVisible()
  await nav.getByRole('searchbox', { name: 'Search conversations' }).fill('ZEBRA')
  await expect(nav.getByRole('button', { name: /^a question about zebras/ })).toBeVisible()
  await expect(nav.getByRole('button', { name: /^apples/ })).toHaveCount(0)
  await nav.getByRole('searchbox', { name: 'Search conversations' }).fill('')
  await shot(page, 'sidebar-light')
  // Rename in place.
  await nav.getByRole('button', { name: 'Actions for apples and pears' }).click()
  await page.getByRole('menuitem', { name: 'Rename' }).click()
  await nav.getByLabel('Conversation title').fill('Fruit')
  await nav.getByLabel('Conversation title').press('Enter')
  await expect(nav.getByRole('button', { name: 'Fruit', exact: true })).toBeVisible()
  // Export as Markdown and JSON.
  await nav.getByRole('button', { name: 'Actions for Fruit' }).click()
  const [md] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export Markdown' }).click(),
  ])
  expect(md.suggestedFilename()).toBe('Fruit.md')
  const mdText = await readFile((await md.path())!, 'utf8')
  expect(mdText).toContain('# Fruit')
  expect(mdText).toContain('You said: apples and pears')
  await nav.getByRole('button', { name: 'Actions for Fruit' }).click()
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export JSON' }).click(),
  ])
  expect(JSON.parse(await readFile((await json.path())!, 'utf8')).title).toBe('Fruit')
  // Delete.
  page.once('dialog', (d) => void d.accept())
  await nav.getByRole('button', { name: 'Actions for Fruit' }).click()
  await page.getByRole('menuitem', { name: 'Delete' }).click()
  await expect(nav.getByRole('button', { name: 'Fruit', exact: true })).toHaveCount(0)
  expect(h.app.history.list().map((c) => c.title)).toEqual(['a question about zebras'])
})

test('settings: masked keys, endpoint token copy and rotate, snippets, origins, theme; shortcuts', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  h = await startHarness({ withKey: true })
  await page.goto(h.app.openUrl)
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  await page.keyboard.press('Control+,')
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await expect(dialog.getByLabel('Stored key sk-...1234')).toBeVisible()
  expect(await page.content()).not.toContain('sk-e2e-valid-key-1234')
  await shot(page, 'settings-providers-light')
  await dialog.getByRole('button', { name: 'Local endpoint' }).click()
  const old = h.app.apiToken()
  await expect(dialog.getByLabel('API token', { exact: true })).toHaveText(old)
  await dialog.getByRole('button', { name: 'Copy API token' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(old)
  await dialog.getByRole('tab', { name: 'OpenAI Python' }).click()
  await expect(dialog.locator('pre')).toContainText(`base_url="${h.app.gateway.url}/v1"`)
  await setTheme(page, 'dark')
  await shot(page, 'settings-endpoint-dark')
  await setTheme(page, 'light')
  page.once('dialog', (d) => void d.accept())
  await dialog.getByRole('button', { name: 'Rotate' }).click()
  await expect(dialog.getByLabel('API token', { exact: true })).not.toHaveText(old)
  expect(h.app.apiToken()).not.toBe(old)
  await dialog.getByLabel('Allowed origins').fill('http://localhost:5173')
  await dialog.getByRole('button', { name: 'Save origins' }).click()
  await expect(dialog.getByRole('status')).toContainText('saved')
  const cfg = JSON.parse(await readFile(`${h.dir}/config.json`, 'utf8'))
  expect(cfg.server.allowedOrigins).toEqual(['http://localhost:5173'])
  await dialog.getByLabel('Port').fill('5151')
  await dialog.getByRole('button', { name: 'Save port' }).click()
  await expect(dialog.getByRole('status')).toContainText('port 5151 from its next start')
  expect(JSON.parse(await readFile(`${h.dir}/config.json`, 'utf8')).server.port).toBe(5151)
  await dialog.getByRole('button', { name: 'Appearance' }).click()
  await dialog.getByLabel('Dark').check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.keyboard.press('Escape')
  // Chat still works with the rotated token.
  await chat(page, 'after rotation')
  // Shortcuts: model picker, new chat.
  await page.keyboard.press('Control+k')
  const picker = page.getByRole('dialog', { name: 'Choose a model' })
  await expect(picker).toBeVisible()
  // Models that cannot chat (here an embedding model) are out of the list until asked for.
  await expect(picker.getByRole('option', { name: 'openai/echo' })).toBeVisible()
  await expect(picker.getByRole('option', { name: 'openai/text-embedding-3-small' })).toHaveCount(0)
  await picker.getByLabel('Also show 1 model that cannot chat (embeddings, speech, images, …)').check()
  await expect(picker.getByRole('option', { name: 'openai/text-embedding-3-small' })).toContainText(
    'embeddings, not chat',
  )
  await shot(page, 'picker-dark')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+Shift+O')
  await expect(page.getByRole('heading', { name: 'What can I help with?' })).toBeVisible()
  await shot(page, 'empty-dark')
})

test('privacy: preview highlights placeholders, the provider sees only them, the answer is restored; block refuses', async ({
  page,
}) => {
  h = await startHarness({ withKey: true })
  await page.goto(h.app.openUrl)
  await page.getByRole('button', { name: /Model:/ }).click()
  await page.getByRole('option', { name: 'openai/echo' }).click()
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill('mail me at jane@example.com')
  await page.getByRole('button', { name: 'Preview what will leave the machine' }).click()
  const dlg = page.getByRole('dialog', { name: 'What will leave this machine' })
  await expect(dlg).toContainText('Redaction is off')
  await expect(dlg).toContainText('jane@example.com')
  await dlg.getByRole('button', { name: 'Close' }).click()
  await page.getByRole('button', { name: 'Redaction: off. Change' }).click()
  await expect(page.getByRole('button', { name: 'Redaction: mask. Change' })).toBeVisible()
  // The preview is what /v1/redact says will be sent: the placeholder, highlighted, not the address.
  await page.getByRole('button', { name: 'Preview what will leave the machine' }).click()
  await expect(dlg.locator('mark.redacted')).toHaveText('<EMAIL_1>')
  await expect(dlg.getByRole('status')).toContainText('Found 1 email address')
  await expect(dlg.locator('.preview-list')).not.toContainText('jane@example.com')
  await shot(page, 'privacy-preview-light')
  await dlg.getByRole('button', { name: 'Close' }).click()
  await input.press('Enter')
  const answer = page.getByRole('article', { name: /Answer from/ }).last()
  // The fake echoes what it received; the gateway restores the placeholder in the streamed answer.
  await expect(answer).toContainText('You said: mail me at jane@example.com')
  await expect(answer.getByLabel('Answer details')).toContainText('redacted')
  const chats = () => h.fake.received.filter((r) => r.url.endsWith('/chat/completions'))
  expect(chats()).toHaveLength(1)
  const seen = JSON.stringify(chats()[0]!.body)
  expect(seen).toContain('<EMAIL_1>')
  expect(seen).not.toContain('jane@example.com')
  // The question carries a quiet marker too; the privacy state names mode and destination host.
  await expect(page.getByRole('article', { name: 'Your message' }).last()).toContainText('redacted')
  const host = new URL(h.fake.url).host
  await expect(page.locator('.privacy-chip')).toContainText(`Redaction mask`)
  await expect(page.locator('.privacy-chip')).toContainText(host)
  // Block: nothing is sent, and the message says which kinds were found.
  await page.getByRole('button', { name: 'Redaction: mask. Change' }).click()
  await expect(page.getByRole('button', { name: 'Redaction: block. Change' })).toBeVisible()
  await input.fill('and copy bob@example.org')
  await input.press('Enter')
  const refused = page
    .getByRole('article', { name: /Answer from/ })
    .last()
    .getByRole('alert')
  await expect(refused).toContainText('Not sent: redaction is set to block')
  await expect(refused).toContainText('2 email addresses')
  await shot(page, 'privacy-blocked-light')
  expect(chats()).toHaveLength(1)
  // Nothing was replaced and sent: no marker on the refused turn; "sent to" lists the one real destination.
  await expect(
    page
      .getByRole('article', { name: /Answer from/ })
      .last()
      .getByLabel('Answer details'),
  ).not.toContainText('redacted')
  await expect(page.getByRole('article', { name: 'Your message' }).last()).not.toContainText('redacted')
  await page.getByRole('button', { name: /Conversation options/ }).click()
  await expect(page.getByLabel('Sent to')).toHaveText(`Sent to: OpenAI (${host})`)
})

test('settings > privacy: default mode, per provider, lists (a bad pattern refused), new chats follow', async ({
  page,
}) => {
  h = await startHarness({ withKey: true })
  await page.goto(h.app.openUrl)
  await expect(page.getByRole('button', { name: 'Redaction: off. Change' })).toBeVisible()
  await page.keyboard.press('Control+,')
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByRole('button', { name: 'Privacy' }).click()
  await dialog.getByRole('radio', { name: /^Mask:/ }).click()
  await expect(dialog.getByRole('status')).toContainText('Default set to mask')
  await expect(dialog.getByRole('radio', { name: /^Mask:/ })).toBeChecked()
  await expect(dialog.getByLabel('Redaction for OpenAI')).toHaveValue('default')
  await dialog.getByLabel('Always redact: patterns').fill('PRJ-\\d{4}\n([a-')
  await dialog.getByRole('button', { name: 'Save lists' }).click()
  await expect(dialog.getByRole('alert')).toContainText('line 2 (([a-): not a valid regular expression')
  await dialog.getByLabel('Always redact: patterns').fill('PRJ-\\d{4}\n(a+)+$')
  await dialog.getByRole('button', { name: 'Save lists' }).click()
  await expect(dialog.getByRole('alert')).toContainText(
    'Always patterns, line 2 ((a+)+$): this pattern can take exponential time on some text',
  )
  await dialog.getByLabel('Always redact: patterns').fill('PRJ-\\d{4}')
  await dialog.getByLabel('Always redact: terms').fill('Project Falcon')
  await dialog.getByRole('button', { name: 'Save lists' }).click()
  await expect(dialog.getByRole('status')).toContainText('Lists saved')
  // Detectors can be switched off one by one, and private addresses left alone.
  const emails = dialog.getByRole('checkbox', { name: 'Email addresses' })
  await expect(emails).toBeChecked()
  await emails.uncheck()
  await expect(dialog.getByRole('status')).toContainText('Email addresses are no longer detected')
  await expect(emails).not.toBeChecked()
  const privateIps = dialog.getByRole('checkbox', { name: /private network addresses/ })
  await expect(privateIps).toBeChecked()
  await privateIps.uncheck()
  await expect(dialog.getByRole('status')).toContainText('Private network addresses are sent as they are')
  await shot(page, 'settings-privacy-light')
  const cfg = JSON.parse(await readFile(`${h.dir}/config.json`, 'utf8'))
  expect(cfg.redaction).toMatchObject({
    mode: 'mask',
    always: { terms: ['Project Falcon'], patterns: ['PRJ-\\d{4}'] },
    disabled: ['EMAIL'],
    privateIps: false,
  })
  expect(cfg).not.toHaveProperty('ui')
  await page.keyboard.press('Escape')
  // The open, untouched conversation follows the new default; so does a new one.
  await expect(page.getByRole('button', { name: 'Redaction: mask. Change' })).toBeVisible()
  const input = page.getByRole('textbox', { name: 'Message' })
  await input.fill('status of Project Falcon, ticket PRJ-1234, ask ana@example.com, host 10.0.0.5')
  await input.press('Enter')
  await expect(page.getByRole('article', { name: /Answer from/ }).last()).toContainText(
    'You said: status of Project Falcon, ticket PRJ-1234, ask ana@example.com, host 10.0.0.5',
  )
  const sent = JSON.stringify(h.fake.received.filter((r) => r.url.endsWith('/chat/completions')).at(-1)!.body)
  expect(sent).toContain('<TERM_1>')
  expect(sent).not.toMatch(/Falcon|PRJ-1234/)
  // The switched-off detector and the private address: sent as typed.
  expect(sent).toContain('ana@example.com')
  expect(sent).toContain('10.0.0.5')
})
