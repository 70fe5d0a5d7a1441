import { execFile, spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SecretStore } from '../../../electron/secrets'
import { type FakeOpenAI, startFakeOpenAI } from '../../helpers/fake-openai'
import {
  requireTestKeyring,
  runCli,
  type ServeProcess,
  startServe,
  tempDir,
  testService,
} from '../../helpers/keyring'

requireTestKeyring()

const service = testService()
let home: Awaited<ReturnType<typeof tempDir>>
let fake: FakeOpenAI
let env: NodeJS.ProcessEnv
let configFile: string
const servers: ServeProcess[] = []

beforeAll(async () => {
  home = await tempDir()
  fake = await startFakeOpenAI()
  configFile = join(home.dir, 'config.json')
  await writeFile(
    configFile,
    JSON.stringify({
      server: { port: 0 },
      providers: { fake: { kind: 'openai', baseUrl: `${fake.url}/v1` } },
    }),
  )
  env = {
    LOCALROUTER_HOME: home.dir,
    LOCALROUTER_CONFIG: configFile,
    LOCALROUTER_KEYCHAIN_SERVICE: service,
  }
})

afterAll(async () => {
  for (const s of servers) await s.stop()
  const store = new SecretStore({ service })
  for (const account of await store.list().catch(() => [])) await store.delete(account)
  await fake?.close()
  await home?.remove()
})

describe('npm run keys', () => {
  it('names --config in its hint when the provider came from --config (without it, the id is unknown)', async () => {
    const { LOCALROUTER_CONFIG: _, ...noConfigEnv } = env
    const set = await runCli(['keys', 'set', 'fake', '--config', configFile], {
      env: noConfigEnv,
      input: 'sk-proj-cli-config-hint-00004f2a\n',
    })
    expect(set.code).toBe(0)
    expect(set.stdout).toContain(`\`npm run keys -- test fake --config ${configFile}\``)
    const test = await runCli(['keys', 'test', 'fake', '--config', configFile], { env: noConfigEnv })
    expect(test.stdout).toContain('ok')
    await runCli(['keys', 'delete', 'fake', '--config', configFile], { env: noConfigEnv })
  })

  it('sets a key from stdin, lists it masked, tests it, deletes it', async () => {
    const key = 'sk-proj-cli-secret-value-77774f2a'
    const set = await runCli(['keys', 'set', 'fake'], { env, input: `${key}\n` })
    expect(set.stderr).toBe('')
    expect(set.code).toBe(0)
    expect(set.stdout).toContain('Stored the fake (openai) key sk-...4f2a in the OS keychain')
    expect(await new SecretStore({ service }).get('fake')).toBe(key)

    const list = await runCli(['keys', 'list'], { env })
    expect(list.stdout).toBe('fake  sk-...4f2a\n')

    const test = await runCli(['keys', 'test', 'fake'], { env })
    expect(test.stdout).toBe('ok: OpenAI accepted the key\n')
    expect(test.code).toBe(0)
    expect(fake.received.at(-1)!.headers.authorization).toBe(`Bearer ${key}`)

    for (const r of [set, list, test]) expect(r.stdout + r.stderr).not.toContain(key)

    const del = await runCli(['keys', 'delete', 'fake'], { env })
    expect(del.stdout).toBe('Deleted the fake (openai) key from the OS keychain.\n')
    expect((await runCli(['keys', 'delete', 'fake'], { env })).stdout).toMatch(
      /No fake \(openai\) key was stored/,
    )
    expect((await runCli(['keys', 'list'], { env })).stdout).toBe('No provider keys in the OS keychain.\n')
  })

  it('asks for the key at a hidden prompt on a terminal, and echoes nothing', async () => {
    const key = 'sk-typed-at-the-prompt-5555aaaa'
    // `script` gives the CLI a real pseudo-terminal; the key is typed once the prompt is shown.
    const child = spawn(
      'script',
      ['-qec', 'node_modules/.bin/tsx electron/cli.ts keys set fake', '/dev/null'],
      {
        env: { ...process.env, ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    )
    let screen = ''
    const exited = new Promise<number | null>((r) => child.on('close', r))
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      screen += d
      if (d.includes('(input hidden): ')) child.stdin.write(`${key}\r`)
    })
    expect(await exited).toBe(0)
    expect(screen).toContain('Key for fake (openai) (input hidden): ')
    expect(screen).toContain('Stored the fake (openai) key sk-...aaaa')
    expect(screen).not.toContain('typed-at-the-prompt')
    expect(await new SecretStore({ service }).get('fake')).toBe(key)
    await runCli(['keys', 'delete', 'fake'], { env })
  })

  it('reports an invalid key with exit code 1', async () => {
    await runCli(['keys', 'set', 'fake'], { env, input: 'sk-invalid-fake-key-0000000000000000' })
    const test = await runCli(['keys', 'test', 'fake'], { env })
    expect(test.code).toBe(1)
    expect(test.stdout).toMatch(/^invalid: OpenAI refused the key \(HTTP 401\)/)
    await runCli(['keys', 'delete', 'fake'], { env })
  })

  it('never takes a key from argv, and does not repeat it', async () => {
    const r = await runCli(['keys', 'set', 'fake', 'sk-from-argv-should-not-echo-1234'], { env })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/never taken from the command line/)
    expect(r.stdout + r.stderr).not.toContain('sk-from-argv-should-not-echo-1234')
    expect(await new SecretStore({ service }).get('fake')).toBeUndefined()
  })

  it('refuses an empty stdin and unknown providers (listing the known ones)', async () => {
    const empty = await runCli(['keys', 'set', 'fake'], { env, input: '\n' })
    expect(empty.code).toBe(1)
    expect(empty.stderr).toMatch(/No key on stdin/)
    const unknown = await runCli(['keys', 'set', 'nope'], { env, input: 'sk-whatever-0000000000000' })
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(
      /Unknown provider 'nope'. Known providers: openai, anthropic, gemini, azure, .*, fake\./,
    )
    const test = await runCli(['keys', 'test', 'nope'], { env })
    expect(test.stderr).toMatch(/Unknown provider 'nope'/)
  })

  it('prints the endpoint token, the same each time, and rotates it', async () => {
    const first = await runCli(['keys', 'token'], { env })
    expect(first.code).toBe(0)
    const token = first.stdout.trim()
    expect(token).toMatch(/^lr-[A-Za-z0-9_-]{32}$/)
    expect((await runCli(['keys', 'token'], { env })).stdout.trim()).toBe(token)
    const rotated = await runCli(['keys', 'token', '--rotate'], { env })
    expect(rotated.stdout.trim()).toMatch(/^lr-[A-Za-z0-9_-]{32}$/)
    expect(rotated.stdout.trim()).not.toBe(token)
    expect(rotated.stderr).toMatch(/old token is refused from now on/)
    // Nothing about the token went into the config file.
    expect(await readFile(configFile, 'utf8')).not.toContain('lr-')
  })
})

describe('serve with the keychain', () => {
  it('uses keys set while it runs, and refuses a rotated token at once', async () => {
    const server = await startServe(['--port', '0'], env)
    servers.push(server)
    const token = (await runCli(['keys', 'token'], { env })).stdout.trim()
    const chat = (t: string) =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'fake/echo', messages: [{ role: 'user', content: 'hi' }] }),
      })

    const before = await chat(token)
    expect(before.status).toBe(401)
    expect(((await before.json()) as { error: { code: string } }).error.code).toBe('missing_api_key')

    await runCli(['keys', 'set', 'fake'], { env, input: 'sk-set-while-serving-000000001' })
    const ok = await chat(token)
    expect(ok.status).toBe(200)
    expect(fake.received.at(-1)!.headers.authorization).toBe('Bearer sk-set-while-serving-000000001')

    await runCli(['keys', 'set', 'fake'], { env, input: 'sk-set-while-serving-000000002' })
    expect((await chat(token)).status).toBe(200)
    expect(fake.received.at(-1)!.headers.authorization).toBe('Bearer sk-set-while-serving-000000002')

    const rotated = (await runCli(['keys', 'token', '--rotate'], { env })).stdout.trim()
    const old = await chat(token)
    expect(old.status).toBe(401)
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe('invalid_token')
    expect((await chat(rotated)).status).toBe(200)

    await runCli(['keys', 'delete', 'fake'], { env })
    expect((await chat(rotated)).status).toBe(401)
    await server.stop()
    const { stderr } = server.output()
    for (const secret of ['sk-set-while-serving-00000000', token, rotated])
      expect(stderr).not.toContain(secret)
  })
})

describe('no keychain', () => {
  const run = promisify(execFile)
  const nowhere = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }

  it('says which package to install when no Secret Service answers, and stores nothing', async () => {
    const before = await readFile(configFile, 'utf8')
    const set = await runCli(['keys', 'set', 'fake'], {
      env: { ...env, ...nowhere },
      input: 'sk-must-not-land-anywhere-0001',
    })
    expect(set.code).toBe(1)
    expect(set.stderr).toMatch(/No OS keychain is available/)
    expect(set.stderr).toMatch(/sudo apt install gnome-keyring/)
    expect(set.stderr).not.toContain('sk-must-not-land-anywhere-0001')
    expect(await readFile(configFile, 'utf8')).toBe(before)
    const list = await runCli(['keys', 'list'], { env: { ...env, ...nowhere } })
    expect(list.code).toBe(1)
    expect(list.stderr).toMatch(/No OS keychain is available.*gnome-keyring/)
  })

  it('headless serve falls back to the config token (saying so) and env keys', async () => {
    const dir = await tempDir()
    try {
      const file = join(dir.dir, 'config.json')
      await writeFile(file, JSON.stringify({ server: { port: 0 } }))
      const server = await startServe(['--port', '0', '--config', file], {
        ...env,
        ...nowhere,
        LOCALROUTER_HOME: dir.dir,
        OPENAI_API_KEY: 'sk-from-the-environment-00001',
      })
      servers.push(server)
      const { stderr } = server.output()
      expect(stderr).toMatch(/No OS keychain is available/)
      expect(stderr).toMatch(/provider keys come from the config file and environment only/)
      expect(stderr).toMatch(new RegExp(`Generated a local API token and saved it in ${file}`))
      const saved = JSON.parse(await readFile(file, 'utf8')) as { server: { token: string } }
      const token = (
        await runCli(['keys', 'token', '--config', file], { env: { ...env, ...nowhere } })
      ).stdout.trim()
      expect(token).toBe(saved.server.token)
      const res = await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status).toBe(200)
      // Rotation in the fallback: rewrites server.token, and the running server follows at once.
      const next = (
        await runCli(['keys', 'token', '--rotate', '--config', file], {
          env: { ...env, ...nowhere, LOCALROUTER_HOME: dir.dir },
        })
      ).stdout.trim()
      expect(next).not.toBe(token)
      expect(
        (await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(401)
      expect(
        (await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${next}` } })).status,
      ).toBe(200)
      await server.stop()
      expect(server.output().stderr).not.toContain('sk-from-the-environment-00001')
    } finally {
      await dir.remove()
    }
  })

  it('a locked keyring says how to unlock it', async () => {
    // Its own private session (a nested with-keyring), so locking it touches no other test.
    const script = [
      'printf %s sk-stored-before-the-lock-0001 | node_modules/.bin/tsx electron/cli.ts keys set openai >/dev/null',
      'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null',
      'node_modules/.bin/tsx electron/cli.ts keys list 2>&1',
      'echo "exit=$?"',
    ].join('; ')
    const { stdout } = await run('bash', ['scripts/with-keyring.sh', 'bash', '-c', script], {
      env: { ...process.env, LOCALROUTER_HOME: home.dir, LOCALROUTER_KEYCHAIN_SERVICE: testService() },
      timeout: 30_000,
    })
    expect(stdout).toMatch(/The keyring \(Secret Service\) is locked/)
    expect(stdout).toMatch(/gnome-keyring-daemon --replace --unlock/)
    expect(stdout).toMatch(/exit=1/)
    expect(stdout).not.toContain('sk-stored-before-the-lock-0001')
  })

  it('a Secret Service that dies in the middle of a call is asked again once it is back', async () => {
    // gnome-keyring can abort while a client waits for its answer (GNOME gnome-keyring issues 190, 196).
    // Its own private session again: the daemon is frozen, a `keys list` starts and waits on it (its bus
    // connection appears), then the daemon is killed, as a crash would; D-Bus starts it again.
    const script = [
      'set -u',
      `owner() { dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '/uint32/ {print $2}'; }`,
      `clients() { dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.ListNames | grep -c '":1\\.'; }`,
      'printf %s sk-kept-across-a-crash-0001 | node_modules/.bin/tsx electron/cli.ts keys set openai >/dev/null',
      'daemon=$(owner); before=$(clients)',
      'kill -STOP "$daemon"',
      'node_modules/.bin/tsx electron/cli.ts keys list >"$LOCALROUTER_HOME/list.out" 2>&1 & lister=$!',
      'for _ in $(seq 1 200); do [ "$(clients)" -gt "$before" ] && break; sleep 0.05; done',
      'sleep 0.3; kill -KILL "$daemon"',
      'wait "$lister"; echo "exit=$?"; cat "$LOCALROUTER_HOME/list.out"',
      '[ -n "$(owner)" ] && [ "$(owner)" != "$daemon" ] && echo restarted',
    ].join('\n')
    const { stdout, stderr } = await run('bash', ['scripts/with-keyring.sh', 'bash', '-c', script], {
      env: { ...process.env, LOCALROUTER_HOME: home.dir, LOCALROUTER_KEYCHAIN_SERVICE: testService() },
      timeout: 30_000,
    })
    expect(stdout).toMatch(/exit=0\nopenai +sk-\.\.\.0001\n/)
    expect(stdout).toMatch(/restarted/)
    expect(stderr).toMatch(/the Secret Service had stopped; D-Bus started it again/)
  })
})
