import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { parseConfig } from '../../../electron/config/store'
import { createSecrets, KeychainError, maskKey, SecretStore, TOKEN_ACCOUNT } from '../../../electron/secrets'
import { NOT_AT_HAND } from '../../../electron/router/providers'
import { type KeytarApi, napiKeytar } from '../../../electron/secrets/keychain'
import { type FakeOpenAI, startFakeOpenAI } from '../../helpers/fake-openai'
import { requireTestKeyring, tempDir, testService } from '../../helpers/keyring'

requireTestKeyring()

const service = testService()
const store = new SecretStore({ service })
let home: Awaited<ReturnType<typeof tempDir>>
let fake: FakeOpenAI

beforeAll(async () => {
  home = await tempDir()
  fake = await startFakeOpenAI()
})

afterAll(async () => {
  for (const account of await store.list().catch(() => [])) await store.delete(account)
  await fake?.close()
  await home?.remove()
})

describe('SecretStore against the real Secret Service', () => {
  it('round-trips, overwrites and deletes a secret', async () => {
    expect(await store.get('openai')).toBeUndefined()
    await store.set('openai', 'sk-first-value-000000000000')
    expect(await store.get('openai')).toBe('sk-first-value-000000000000')
    await store.set('openai', 'sk-second-value-11111111111')
    expect(await store.get('openai')).toBe('sk-second-value-11111111111')
    expect(await store.delete('openai')).toBe(true)
    expect(await store.get('openai')).toBeUndefined()
    expect(await store.delete('openai')).toBe(false)
  })

  it('keeps unicode and long values byte for byte', async () => {
    const unicode = 'sk-ключ-密钥-🔑-ñandú-\u00e9\u0301'
    const long = `sk-${'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(450)}`
    expect(long.length).toBeGreaterThan(16_000)
    await store.set('unicode', unicode)
    await store.set('long', long)
    expect(await store.get('unicode')).toBe(unicode)
    expect(await store.get('long')).toBe(long)
  })

  it('keeps two providers apart and lists the accounts that exist', async () => {
    await store.set('groq', 'gsk_groq-key-aaaaaaaaaaaaaaaa')
    await store.set('mistral', 'mistral-key-bbbbbbbbbbbbbbbb')
    expect(await store.get('groq')).toBe('gsk_groq-key-aaaaaaaaaaaaaaaa')
    expect(await store.get('mistral')).toBe('mistral-key-bbbbbbbbbbbbbbbb')
    await store.delete('groq')
    expect(await store.get('mistral')).toBe('mistral-key-bbbbbbbbbbbbbbbb')
    expect(await store.list()).toEqual(['long', 'mistral', 'unicode'])
  })

  it('keeps services apart', async () => {
    const other = new SecretStore({ service: testService() })
    await other.set('mistral', 'another-service-key-cccccccc')
    expect(await store.get('mistral')).toBe('mistral-key-bbbbbbbbbbbbbbbb')
    expect(await other.list()).toEqual(['mistral'])
    await other.delete('mistral')
  })

  it('reads synchronously what was written asynchronously', async () => {
    await store.set('sync', 'sk-sync-read-dddddddddddddd')
    expect(store.getSync('sync')).toBe('sk-sync-read-dddddddddddddd')
    await store.delete('sync')
    expect(store.getSync('sync')).toBeUndefined()
  })
})

describe('masking', () => {
  it('shows the prefix and the last four only', () => {
    expect(maskKey('sk-proj-abcdefghijklmnop4f2a')).toBe('sk-...4f2a')
    expect(maskKey('gsk_abcdefghijklmnopqrstuv9z')).toBe('gsk_...uv9z')
    expect(maskKey('AIzaSyA-abcdefghijklmnop')).toBe('...mnop')
    expect(maskKey('short-key')).toBe('………')
  })
})

/** The real keychain API, counting the reads that reach D-Bus. */
function counting(): { api: KeytarApi; reads: () => number } {
  const real = napiKeytar()
  let reads = 0
  return {
    api: {
      ...real,
      getPassword: (s, a) => {
        reads++
        return real.getPassword(s, a)
      },
    },
    reads: () => reads,
  }
}

describe('the router KeyLookup', () => {
  it('reads the keychain once per key and drops the cache on set and delete', async () => {
    const svc = testService()
    const { api, reads } = counting()
    const env = { LOCALROUTER_HOME: home.dir }
    const secrets = createSecrets({ env, headless: false, store: new SecretStore({ service: svc, api }) })
    const keysSvc = secrets.keyService(() => parseConfig({}, 'test'))
    await keysSvc.set('openai', 'sk-cached-key-000000000001')
    // `peek` knows only what a read has answered: first not at hand, then without waiting.
    expect(secrets.keys.peek('openai')).toBe(NOT_AT_HAND)
    expect(await secrets.keys.get('openai')).toBe('sk-cached-key-000000000001')
    const after = reads()
    for (let i = 0; i < 20; i++) expect(await secrets.keys.get('openai')).toBe('sk-cached-key-000000000001')
    expect(secrets.keys.peek('openai')).toBe('sk-cached-key-000000000001')
    expect(reads()).toBe(after)
    await keysSvc.set('openai', 'sk-cached-key-000000000002')
    expect(secrets.keys.peek('openai')).toBe(NOT_AT_HAND)
    expect(await secrets.keys.get('openai')).toBe('sk-cached-key-000000000002')
    expect(secrets.keys.peek('openai')).toBe('sk-cached-key-000000000002')
    expect(await keysSvc.delete('openai')).toBe(true)
    expect(secrets.keys.peek('openai')).toBe(NOT_AT_HAND)
    expect(await secrets.keys.get('openai')).toBeUndefined()
    expect(secrets.keys.peek('openai')).toBeUndefined()
  })

  it('sees a key another process (another instance) set, through the change marker', async () => {
    const svc = testService()
    const env = { LOCALROUTER_HOME: home.dir }
    const server = createSecrets({ env, headless: false, service: svc })
    const cli = createSecrets({ env, headless: false, service: svc })
    expect(await server.keys.get('groq')).toBeUndefined()
    expect(server.keys.peek('groq')).toBeUndefined()
    await cli.keyService(() => parseConfig({}, 'test')).set('groq', 'gsk_from-the-cli-000000000')
    // The change is seen by `peek` too: nothing stale is given without waiting.
    await new Promise((r) => setTimeout(r, 5))
    expect(server.keys.peek('groq')).toBe(NOT_AT_HAND)
    expect(await server.keys.get('groq')).toBe('gsk_from-the-cli-000000000')
    expect(server.keys.peek('groq')).toBe('gsk_from-the-cli-000000000')
    await cli.keyService(() => parseConfig({}, 'test')).delete('groq')
    await new Promise((r) => setTimeout(r, 5))
    expect(server.keys.peek('groq')).toBe(NOT_AT_HAND)
    expect(await server.keys.get('groq')).toBeUndefined()
  })
  it('a keychain that just failed: headless, "no key here" without waiting; the desktop app waits and fails', async () => {
    const failing = (): KeytarApi => ({
      ...napiKeytar(),
      getPassword: () => Promise.reject(new Error('org.freedesktop.DBus.Error.ServiceUnknown')),
    })
    const env = { LOCALROUTER_HOME: home.dir }
    const headless = createSecrets({
      env,
      headless: true,
      store: new SecretStore({ service: testService(), api: failing() }),
    })
    expect(headless.keys.peek('openai')).toBe(NOT_AT_HAND)
    expect(await headless.keys.get('openai')).toBeUndefined()
    expect(headless.keys.peek('openai')).toBeUndefined()
    expect(headless.keys.peek('groq')).toBeUndefined()
    const desktop = createSecrets({
      env,
      headless: false,
      store: new SecretStore({ service: testService(), api: failing() }),
    })
    await expect(desktop.keys.get('openai')).rejects.toBeInstanceOf(KeychainError)
    expect(desktop.keys.peek('openai')).toBe(NOT_AT_HAND)
  })
})

describe('KeyService', () => {
  const config = () =>
    parseConfig(
      {
        providers: {
          fake: { kind: 'openai-compatible', baseUrl: fake.url },
          down: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9' },
        },
        server: { timeouts: { connectMs: 1000, firstByteMs: 2000, idleMs: 2000 } },
      },
      'test',
    )

  it('lists masked keys only, and refuses unknown providers naming the known ones', async () => {
    const secrets = createSecrets({
      env: { LOCALROUTER_HOME: home.dir },
      headless: false,
      service: testService(),
    })
    const keys = secrets.keyService(config)
    await keys.set('openai', '  sk-proj-listed-key-abcdef4f2a\n')
    await keys.set('fake', 'sk-fake-provider-key-99998888')
    await secrets.endpointToken({ config: config() })
    const listed = await keys.list()
    expect(listed).toEqual([
      { provider: 'fake', masked: 'sk-...8888' },
      { provider: 'openai', masked: 'sk-...4f2a' },
    ])
    expect(JSON.stringify(listed)).not.toContain('listed-key')
    await expect(keys.set('nope', 'sk-whatever-000000000000')).rejects.toThrow(
      /Unknown provider 'nope'. Known providers: openai, anthropic, gemini, azure, .*fake, down/,
    )
    await expect(keys.set('openai', 'two words')).rejects.toThrow(/one line without spaces/)
    await expect(keys.set('openai', '   ')).rejects.toThrow(/empty/)
    for (const p of ['openai', 'fake']) await keys.delete(p)
    await secrets.store.delete(TOKEN_ACCOUNT)
  })

  it('tests a key through the provider models endpoint: ok, invalid, unreachable', async () => {
    const secrets = createSecrets({
      env: { LOCALROUTER_HOME: home.dir },
      headless: false,
      service: testService(),
    })
    const keys = secrets.keyService(config)
    expect((await keys.test('fake')).status).toBe('invalid') // nothing stored yet
    await keys.set('fake', 'sk-good-fake-key-1234567890')
    const ok = await keys.test('fake')
    expect(ok.status).toBe('ok')
    expect(fake.received.at(-1)).toMatchObject({ method: 'GET', url: '/v1/models' })
    expect(fake.received.at(-1)!.headers.authorization).toBe('Bearer sk-good-fake-key-1234567890')
    const bad = await keys.test('fake', 'sk-invalid-fake-key-0000000000000000')
    expect(bad.status).toBe('invalid')
    expect(bad.message).toMatch(/refused the key \(HTTP 401\)/)
    const down = await keys.test('down', 'sk-some-key-000000000000000')
    expect(down.status).toBe('unreachable')
    expect(down.message).toMatch(/refused the connection/)
    await keys.delete('fake')
  })
})

describe('the endpoint token', () => {
  it('is generated once, kept in the keychain, and a rotation elsewhere applies at once', async () => {
    const svc = testService()
    const env = { LOCALROUTER_HOME: home.dir }
    const config = parseConfig({}, 'test')
    const server = await createSecrets({ env, headless: true, service: svc }).endpointToken({ config })
    expect(server.source).toBe('keychain')
    expect(server.notice).toMatch(/Generated a local API token/)
    const first = server.current()
    expect(first).toMatch(/^lr-[A-Za-z0-9_-]{32}$/)
    const cli = await createSecrets({ env, headless: true, service: svc }).endpointToken({ config })
    expect(cli.current()).toBe(first)
    expect(cli.notice).toBeUndefined()
    const next = await cli.rotate()
    expect(next).not.toBe(first)
    expect(server.current()).toBe(next)
    await new SecretStore({ service: svc }).delete(TOKEN_ACCOUNT)
  })

  it('a change seen while another keychain call is in flight is read in its turn, not beside it', async () => {
    const svc = testService()
    const env = { LOCALROUTER_HOME: home.dir }
    const config = parseConfig({}, 'test')
    const real = napiKeytar()
    let inFlight = 0
    let besideAnother = 0
    let gate: Promise<void> | undefined
    const api: KeytarApi = {
      ...real,
      getPassword: async (s, a) => {
        inFlight++
        try {
          await gate
          return await real.getPassword(s, a)
        } finally {
          inFlight--
        }
      },
      getPasswordSync: (s, a) => {
        if (inFlight) besideAnother++
        return real.getPasswordSync(s, a)
      },
    }
    const serverStore = new SecretStore({ service: svc, api })
    const server = await createSecrets({ env, headless: true, store: serverStore }).endpointToken({ config })
    const first = server.current()
    const next = await (
      await createSecrets({ env, headless: true, service: svc }).endpointToken({ config })
    ).rotate()
    // The server is reading a provider key (held open here) when its next request sees the rotation.
    let release!: () => void
    gate = new Promise((r) => (release = r))
    const held = serverStore.get('openai')
    await new Promise((r) => setTimeout(r, 10))
    expect(server.current()).toBe(first)
    expect(server.current()).toBe(first)
    release()
    await held
    await vi.waitFor(() => expect(server.current()).toBe(next))
    expect(besideAnother).toBe(0)
    gate = new Promise((r) => (release = r))
    const heldAgain = serverStore.get('openai')
    expect(() => serverStore.getSync(TOKEN_ACCOUNT)).toThrow(/in flight/)
    release()
    await heldAgain
    expect(serverStore.getSync(TOKEN_ACCOUNT)).toBe(next)
    await new SecretStore({ service: svc }).delete(TOKEN_ACCOUNT)
  })

  it('moves a token from the config into an empty keychain', async () => {
    const svc = testService()
    const config = parseConfig({ server: { token: 'lr-from-the-config-file-000000' } }, 'test')
    const t = await createSecrets({
      env: { LOCALROUTER_HOME: home.dir },
      headless: true,
      service: svc,
    }).endpointToken({
      config,
      configFile: '/somewhere/config.json',
    })
    expect(t.current()).toBe('lr-from-the-config-file-000000')
    expect(t.notice).toMatch(/Moved the local API token from \/somewhere\/config.json/)
    expect(await new SecretStore({ service: svc }).get(TOKEN_ACCOUNT)).toBe('lr-from-the-config-file-000000')
    await new SecretStore({ service: svc }).delete(TOKEN_ACCOUNT)
  })

  it('KeychainError is a 503 keychain_error in the OpenAI shape', () => {
    const e = new KeychainError('locked', 'locked')
    expect(e.toBody()).toEqual({
      error: { message: 'locked', type: 'keychain_error', code: 'keychain_locked' },
    })
    expect(e.status).toBe(503)
  })
})

describe('keychain calls in one process', () => {
  it('run one at a time, whichever SecretStore makes them (gnome-keyring 50 aborts on concurrent sessions)', async () => {
    const real = napiKeytar()
    let active = 0
    let most = 0
    const counted =
      <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        most = Math.max(most, ++active)
        try {
          return await f(...args)
        } finally {
          active--
        }
      }
    const api: KeytarApi = {
      ...real,
      getPassword: counted(real.getPassword),
      setPassword: counted(real.setPassword),
      deletePassword: counted(real.deletePassword),
      findCredentials: counted(real.findCredentials),
    }
    const svc = testService()
    const a = new SecretStore({ service: svc, api })
    const b = new SecretStore({ service: svc, api })
    const ids = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5']
    await Promise.all(ids.map((id, i) => (i % 2 ? a : b).set(id, `value-${id}`)))
    expect(await Promise.all(ids.map((id, i) => (i % 2 ? b : a).get(id)))).toEqual(
      ids.map((id) => `value-${id}`),
    )
    expect((await Promise.all([a.list(), b.list()])).flat()).toEqual([...ids, ...ids])
    expect(await Promise.all(ids.map((id, i) => (i % 2 ? a : b).delete(id)))).toEqual(ids.map(() => true))
    expect(most).toBe(1)
  })

  it('a call that fails, even by throwing synchronously, does not hold up the calls queued behind it', async () => {
    const svc = testService()
    const broken: KeytarApi = {
      ...napiKeytar(),
      getPassword: () => {
        throw new Error('Platform failure: the native layer broke')
      },
    }
    const [failed, next] = await Promise.allSettled([
      new SecretStore({ service: svc, api: broken, platform: 'linux' }).get('x'),
      new SecretStore({ service: svc }).get('x'),
    ])
    expect(failed.status === 'rejected' && failed.reason).toBeInstanceOf(KeychainError)
    expect(next).toEqual({ status: 'fulfilled', value: undefined })
  })

  it('ask once more when the service vanished in the middle of a call, and say so when it vanishes twice', async () => {
    const gone = () =>
      new Error(
        'Platform failure: DBus error: Message recipient disconnected from message bus without replying',
      )
    const real = napiKeytar()
    const svc = testService()
    await new SecretStore({ service: svc }).set('openai', 'sk-asked-again-0001')
    let calls = 0
    const onceGone: KeytarApi = {
      ...real,
      getPassword: async (s, acc) => (++calls === 1 ? Promise.reject(gone()) : real.getPassword(s, acc)),
      getPasswordSync: (s, acc) => {
        if (++calls === 1) throw gone()
        return real.getPasswordSync(s, acc)
      },
    }
    expect(await new SecretStore({ service: svc, api: onceGone }).get('openai')).toBe('sk-asked-again-0001')
    expect(calls).toBe(2)
    calls = 0
    expect(new SecretStore({ service: svc, api: onceGone }).getSync('openai')).toBe('sk-asked-again-0001')
    expect(calls).toBe(2)

    calls = 0
    const alwaysGone: KeytarApi = { ...real, getPassword: async () => Promise.reject((calls++, gone())) }
    const err = await new SecretStore({ service: svc, api: alwaysGone, platform: 'linux' })
      .get('openai')
      .catch((e) => e)
    expect(err).toBeInstanceOf(KeychainError)
    expect(err.problem).toBe('unavailable')
    expect(err.message).toMatch(/stopped while answering, twice/)
    expect(calls).toBe(2)

    calls = 0
    const locked: KeytarApi = {
      ...real,
      getPassword: async () =>
        Promise.reject((calls++, new Error('Platform failure: the collection is locked'))),
    }
    const lockedErr = await new SecretStore({ service: svc, api: locked, platform: 'linux' })
      .get('x')
      .catch((e) => e)
    expect(lockedErr.problem).toBe('locked')
    expect(calls).toBe(1)
    await new SecretStore({ service: svc }).delete('openai')
  })
})
