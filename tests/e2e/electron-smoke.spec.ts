/**
 * The desktop app, end to end, in Electron: a throwaway LocalRouter home, a fake provider on loopback,
 * add a key, send a message, see the streamed answer, the endpoint answers another client, quit cleanly.
 * Where no Electron binary is installed (it cannot be downloaded on our CI machines), it skips and
 * says so in one line.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import OpenAI from 'openai'
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

test('desktop app: add a key, chat with a streamed answer, serve other apps, quit cleanly', async () => {
  const built = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: root })
  expect(built.status, built.stderr?.toString()).toBe(0)

  const fake = await startFakeOpenAI({ chunkDelayMs: 30 })
  const home = mkdtempSync(join(tmpdir(), 'lr-smoke-'))
  const token = 'lr-smoke-token-0123456789abcdef'
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({
      // Port 0: the OS picks a free port for this test; the app reports it through the bridge.
      server: { port: 0, token },
      providers: { fake: { kind: 'openai-compatible', baseUrl: `${fake.url}/v1` } },
    }),
  )
  const app = await electron.launch({
    executablePath: binary!,
    args: [root],
    env: { ...process.env, LOCALROUTER_HOME: home, LOCALROUTER_CONFIG: join(home, 'config.json') },
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
    const endpoint = (await invoke('endpoint.info')) as { running: boolean; baseUrl: string; port: number }
    expect(endpoint.running).toBe(true)
    const reach = (url: string) =>
      page.evaluate(
        (u) =>
          fetch(u).then(
            (r) => r.status,
            () => 'blocked',
          ),
        url,
      )
    expect(await reach(`${endpoint.baseUrl}/health`)).toBe(200)
    expect(await reach(fake.url)).toBe('blocked') // connect-src: only the endpoint

    // Add a key (the same bridge call the settings screen makes; the key goes to the OS keychain).
    await invoke('keys.set', { provider: 'fake', key: 'sk-fake-smoke-0000' })

    // Send a message and watch the answer stream in.
    const input = page.getByRole('textbox').first()
    await input.fill('hello from the smoke test')
    await input.press('Enter')
    await expect(page.getByText('You said: hello from the smoke test')).toBeVisible({ timeout: 20_000 })
    const chat = fake.received.find((r) => r.url.endsWith('/chat/completions'))
    expect(chat?.headers.authorization).toBe('Bearer sk-fake-smoke-0000')
    expect((chat?.body as { stream?: boolean }).stream).toBe(true)

    // Another app on this machine uses the same endpoint with the token.
    const client = new OpenAI({ baseURL: `${endpoint.baseUrl}/v1`, apiKey: token })
    const answer = await client.chat.completions.create({
      model: 'fake/echo',
      messages: [{ role: 'user', content: 'from another client' }],
    })
    expect(answer.choices[0]!.message.content).toBe('You said: from another client')

    // Quit: the process ends by itself and the port is released.
    const exited = new Promise<number | null>((r) => app.process().once('exit', (code) => r(code)))
    await app.evaluate(({ app: electronApp }) => electronApp.quit())
    expect(await exited).toBe(0)
    expect(await portIsFree(endpoint.port)).toBe(true)

    // The log file exists and holds neither the token nor the key nor the conversation.
    const log = join(home, 'logs', 'main.log')
    expect(existsSync(log)).toBe(true)
    const text = readFileSync(log, 'utf8')
    for (const secret of [token, 'sk-fake-smoke-0000', 'hello from the smoke test'])
      expect(text).not.toContain(secret)
  } finally {
    await app.close().catch(() => undefined)
    await fake.close()
    rmSync(home, { recursive: true, force: true })
  }
})
