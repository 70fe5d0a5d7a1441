/** `npm run serve` as a user runs it: a real process, its one-line banner, its signals. */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type FakeOpenAI, startFakeOpenAI } from '../helpers/fake-openai'

// What `npm run serve` runs: electron/cli.ts bundled into out/cli.mjs and run by plain node.
const CLI = join(process.cwd(), 'scripts', 'cli.mjs')
let fake: FakeOpenAI
let dir: string

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunkDelayMs: 200 })
  dir = await mkdtemp(join(tmpdir(), 'lr-cli-'))
})
afterAll(async () => {
  await fake?.close()
})

function serve(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { proc: ChildProcess; url: Promise<string>; stderr: () => string; exit: Promise<number | null> } {
  const proc = spawn(process.execPath, [CLI, 'serve', ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      XDG_CONFIG_HOME: join(dir, 'xdg'),
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const url = new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /^listening on (http:\/\/\S+)$/m.exec(out)
      if (m) resolve(m[1]!)
    })
    proc.on('exit', () => reject(new Error(`exited before listening: ${err}`)))
  })
  // A test that expects the process to fail awaits `exit`, not `url`: its rejection is not unhandled.
  url.catch(() => {})
  const exit = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)))
  return { proc, url, stderr: () => err, exit }
}

/** A config file in the test folder: port 0, the test token, these providers. */
async function configWith(name: string, providers: Record<string, unknown>): Promise<string> {
  const file = join(dir, name)
  await writeFile(file, JSON.stringify({ server: { port: 0, token: 'lr-cli-test-token-abcdef' }, providers }))
  return file
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer()
    s.once('error', () => resolve(false))
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)))
  })
}

describe('npm run serve', () => {
  it('masks a key-shaped value in its failure messages (a key pasted where an option goes)', async () => {
    const s = serve(['--port', 'sk-proj-abcdefghijklmnopqrstuv'])
    expect(await s.exit).toBe(1)
    expect(s.stderr()).toContain('--port must be a number from 0 to 65535')
    expect(s.stderr()).not.toContain('sk-proj-abcdefghijklmnopqrstuv')
  })

  it('prints one listening line, serves, and on SIGTERM ends the live stream as failed and releases the port', async () => {
    const file = await configWith('config.json', { slow: { kind: 'openai-compatible', baseUrl: fake.url } })
    const s = serve(['--config', file])
    const url = await s.url
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer lr-cli-test-token-abcdef', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'slow/echo',
        stream: true,
        messages: [{ role: 'user', content: 'a b c d e f g h i j k l m n' }],
      }),
    })
    const reader = res.body!.getReader()
    await reader.read()
    s.proc.kill('SIGTERM')
    let text = ''
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += new TextDecoder().decode(value)
    }
    expect(text).toContain('shutting down')
    expect(text).not.toContain('[DONE]')
    expect(await s.exit).toBe(0)
    expect(await portFree(Number(new URL(url).port))).toBe(true)
  })

  it('generates a token at first run and saves it in the config file', async () => {
    const file = join(dir, 'fresh.json')
    await writeFile(file, JSON.stringify({ server: { port: 0 } }))
    const s = serve(['--config', file])
    await s.url
    s.proc.kill('SIGINT')
    expect(await s.exit).toBe(0)
    const saved = JSON.parse(await readFile(file, 'utf8')) as { server: { token: string } }
    expect(saved.server.token).toMatch(/^lr-[A-Za-z0-9_-]{20,}$/)
  })

  it('reads a provider key from its usual environment variable in headless mode', async () => {
    const file = await configWith('env.json', { openai: { baseUrl: fake.url } })
    const s = serve(['--config', file], { OPENAI_API_KEY: 'sk-from-env-0123456789' })
    const url = await s.url
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer lr-cli-test-token-abcdef' },
      body: JSON.stringify({ model: 'openai/echo', messages: [{ role: 'user', content: 'hi' }] }),
    })
    expect(res.status).toBe(200)
    expect(fake.received.at(-1)!.headers.authorization).toBe('Bearer sk-from-env-0123456789')
    s.proc.kill('SIGTERM')
    await s.exit
    expect(s.stderr()).not.toContain('sk-from-env-0123456789')
  })

  it('logs each request and where it went with LOCALROUTER_LOG_LEVEL=debug (never the key), and not without', async () => {
    const file = await configWith('debug.json', {
      'custom-x': { kind: 'openai-compatible', baseUrl: fake.url, apiKey: 'sk-debug-key-0123456789' },
    })
    const chat = async (debug: boolean): Promise<string> => {
      const s = serve(['--config', file], debug ? { LOCALROUTER_LOG_LEVEL: 'debug' } : {})
      const url = await s.url
      const res = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer lr-cli-test-token-abcdef', 'user-agent': 'debug-test/1' },
        body: JSON.stringify({
          model: 'custom-x/echo',
          messages: [{ role: 'user', content: 'secret words' }],
        }),
      })
      expect(res.status).toBe(200)
      await res.text()
      s.proc.kill('SIGTERM')
      await s.exit
      return s.stderr()
    }
    const lines = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    const debug = lines(await chat(true))
    expect(debug).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        msg: 'upstream request',
        provider: 'custom-x',
        method: 'POST',
        url: `${fake.url}/chat/completions`,
      }),
    )
    expect(debug).toContainEqual(
      expect.objectContaining({
        level: 'debug',
        msg: 'request',
        method: 'POST',
        path: '/v1/chat/completions',
        status: 200,
        userAgent: 'debug-test/1',
      }),
    )
    const text = JSON.stringify(debug)
    expect(text).not.toContain('sk-debug-key-0123456789')
    expect(text).not.toContain('lr-cli-test-token-abcdef')
    expect(text).not.toContain('secret words')
    expect(lines(await chat(false)).filter((l) => l.level === 'debug')).toEqual([])
  })

  it('stops and releases the port when its parent goes away (npm run serve: a SIGTERM to npm ends its sh)', async () => {
    const file = join(dir, 'orphan.json')
    await writeFile(file, JSON.stringify({ server: { port: 0, token: 'lr-cli-test-token-abcdef' } }))
    // The parent npm leaves behind: a shell-like process that dies without passing any signal on.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `require('node:child_process').spawn(process.execPath, [${JSON.stringify(CLI)}, 'serve', '--config', ${JSON.stringify(file)}], { stdio: 'inherit' }); setInterval(() => {}, 1e6)`,
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
          npm_lifecycle_event: 'serve', // as npm sets it: run directly, the server outlives its parent
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    const url = await new Promise<string>((resolve, reject) => {
      parent.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /^listening on (http:\/\/\S+)$/m.exec(out)
        if (m) resolve(m[1]!)
      })
      parent.on('exit', () => reject(new Error('exited before listening')))
    })
    const port = Number(new URL(url).port)
    expect(await portFree(port)).toBe(false)
    parent.kill('SIGKILL')
    await vi.waitFor(async () => expect(await portFree(port)).toBe(true), { timeout: 5000, interval: 100 })
  })

  it('refuses a bad config naming the field and the file, and leaves the file alone', async () => {
    const file = join(dir, 'bad.json')
    const text = JSON.stringify({ server: { port: 70000 } })
    await writeFile(file, text)
    const s = serve(['--config', file])
    await expect(s.url).rejects.toThrow()
    expect(await s.exit).toBe(1)
    expect(s.stderr()).toContain('server.port')
    expect(s.stderr()).toContain(file)
    expect(await readFile(file, 'utf8')).toBe(text)
  })

  it('refuses a provider entry it cannot use before writing anything (no token saved into the bad file)', async () => {
    const file = join(dir, 'bad-provider.json')
    const text = JSON.stringify({ server: { port: 0 }, providers: { foo: {} } })
    await writeFile(file, text)
    const s = serve(['--config', file])
    await expect(s.url).rejects.toThrow()
    expect(await s.exit).toBe(1)
    expect(s.stderr()).toContain("providers.foo: unknown provider kind 'foo'")
    expect(s.stderr()).toContain(file)
    expect(await readFile(file, 'utf8')).toBe(text)
  })

  it('says so when the port is busy instead of picking another', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()))
    const port = (blocker.address() as { port: number }).port
    const file = join(dir, 'busy.json')
    await writeFile(file, JSON.stringify({ server: { token: 'lr-cli-test-token-abcdef' } }))
    const s = serve(['--config', file, '--port', String(port)])
    await expect(s.url).rejects.toThrow()
    expect(await s.exit).toBe(1)
    expect(s.stderr()).toContain(`Port ${port}`)
    blocker.close()
  })
})
