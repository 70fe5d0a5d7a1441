/**
 * The desktop app, end to end, in Electron: a throwaway LocalRouter home and keychain service name, a
 * fake provider on loopback, onboarding with a key (tested, then stored in the OS keychain), a message
 * sent from the real UI and its answer streamed in, the endpoint answering another client, a clean quit.
 * Where no Electron binary is installed (it cannot be downloaded on our CI machines), it skips and
 * says so in one line. Where it runs it needs a desktop session with a keychain (Secret Service).
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import OpenAI from 'openai'
import { SecretStore } from '../../electron/secrets'
import { electronBinary } from '../../scripts/electron-binary.mjs'
import { startFakeOpenAI } from '../helpers/fake-openai'

const root = join(import.meta.dirname, '..', '..')
const binary = electronBinary()

test.skip(
  !binary,
  'electron smoke test: no Electron binary installed here, so the desktop app was not launched',
)

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer()
    s.once('error', () => resolve(false))
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)))
  })

test('desktop app: onboarding with a key, a streamed answer, serve other apps, quit cleanly', async () => {
  const built = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root })
  expect(built.status, built.stderr?.toString()).toBe(0)

  // Words 150 ms apart (about a second per answer): the answer is seen streaming before it is complete.
  const fake = await startFakeOpenAI({ chunkDelayMs: 150, models: ['gpt-4o-mini', 'echo'] })
  const home = mkdtempSync(join(tmpdir(), 'lr-smoke-'))
  // Its own keychain service: the user's own LocalRouter entries are never read or touched.
  const service = `LocalRouterSmoke-${randomUUID()}`
  const key = 'sk-fake-smoke-0000'
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({
      // Port 0: the OS picks a free port for this test; the app reports it through the bridge.
      server: { port: 0 },
      // The OpenAI entry pointed at the fake: onboarding offers it, tests the key against it, chats with it.
      providers: { openai: { baseUrl: fake.url } },
    }),
  )
  const app = await electron.launch({
    executablePath: binary!,
    args: [root],
    env: {
      ...process.env,
      LOCALROUTER_HOME: home,
      LOCALROUTER_CONFIG: join(home, 'config.json'),
      LOCALROUTER_KEYCHAIN_SERVICE: service,
    },
  })
  try {
    const page = await app.firstWindow()
    await page.waitForLoadState('domcontentloaded')

    // The window is the hardened one: no Node in the page, only the bridge, CSP enforced.
    const surface = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as unknown as { localRouter: object }).localRouter).sort(),
    }))
    expect(surface).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: ['invoke', 'methods', 'version'],
    })
    type Bridge = { invoke(method: string, payload?: unknown): Promise<unknown> }
    const invoke = (method: string, payload: unknown = {}) =>
      page.evaluate(
        ([m, p]) => (globalThis as unknown as { localRouter: Bridge }).localRouter.invoke(m as string, p),
        [method, payload] as const,
      )
    // endpoint.info's baseUrl is the OpenAI base URL (…/v1); /health sits at the server's root.
    const endpoint = (await invoke('endpoint.info')) as { running: boolean; baseUrl: string; port: number }
    expect(endpoint.running).toBe(true)
    const origin = endpoint.baseUrl.replace(/\/v1$/, '')
    const reach = (url: string) =>
      page.evaluate(
        (u) =>
          fetch(u).then(
            (r) => r.status,
            () => 'blocked',
          ),
        url,
      )
    expect(await reach(`${origin}/health`)).toBe(200)
    expect(await reach(`${fake.url}/models`)).toBe('blocked') // connect-src: only the endpoint

    // Onboarding: the first screen asks for a key; it is tested against the provider, then stored.
    await expect(page.getByRole('heading', { name: 'Welcome to LocalRouter' })).toBeVisible({
      timeout: 20_000,
    })
    await page.getByLabel('OpenAI API key').fill(key)
    await page.getByRole('button', { name: 'Save and start' }).click()
    const input = page.getByRole('textbox', { name: 'Message' })
    await expect(input).toBeVisible({ timeout: 20_000 })
    // The key went to the OS keychain, under this run's service name.
    expect(await new SecretStore({ service }).get('openai')).toBe(key)

    // Send a message from the real UI and watch the answer stream in.
    await expect(page.getByRole('button', { name: /^Model: openai\// })).toBeVisible()
    await input.fill('hello from the smoke test')
    await input.press('Enter')
    const answer = page.getByRole('article', { name: /^Answer from openai\// }).last()
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible()
    await expect(answer).toHaveAttribute('aria-busy', 'true')
    await expect(answer).toContainText('You said:')
    await expect(answer).toContainText('You said: hello from the smoke test', { timeout: 20_000 })
    await expect(answer).toHaveAttribute('aria-busy', 'false')
    await expect(answer.getByLabel('Answer details')).toContainText('TTFT')
    const chat = fake.received.find((r) => r.url.endsWith('/chat/completions'))
    expect(chat?.headers.authorization).toBe(`Bearer ${key}`)
    expect((chat?.body as { stream?: boolean }).stream).toBe(true)
    // The page never held the key: not in the DOM, not in its storage.
    expect(await page.content()).not.toContain(key)
    const storage = await page.evaluate(() =>
      JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]),
    )
    expect(storage).not.toContain(key)

    // Another app on this machine uses the same endpoint with the API token.
    const { token } = (await invoke('endpoint.token')) as { token: string }
    const client = new OpenAI({ baseURL: endpoint.baseUrl, apiKey: token })
    const reply = await client.chat.completions.create({
      model: 'openai/echo',
      messages: [{ role: 'user', content: 'from another client' }],
    })
    expect(reply.choices[0]!.message.content).toBe('You said: from another client')

    // Quit: the process ends by itself and the port is released.
    const exited = new Promise<number | null>((r) => app.process().once('exit', (code) => r(code)))
    await app.evaluate(({ app: electronApp }) => electronApp.quit())
    expect(await exited).toBe(0)
    expect(await portIsFree(endpoint.port)).toBe(true)

    // The log file exists and holds neither the token nor the key nor the conversation.
    const log = join(home, 'logs', 'main.log')
    expect(existsSync(log)).toBe(true)
    const text = readFileSync(log, 'utf8')
    for (const secret of [token, key, 'hello from the smoke test']) expect(text).not.toContain(secret)
  } finally {
    await app.close().catch(() => undefined)
    await fake.close()
    const store = new SecretStore({ service })
    for (const account of await store.list().catch(() => [])) await store.delete(account).catch(() => false)
    rmSync(home, { recursive: true, force: true })
  }
})
