import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { appDataDir } from '../../../electron/config/paths'
import { ConfigError, loadConfig, saveConfig, updateConfigFile } from '../../../electron/config/store'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lr-config-'))
})

describe('config files', () => {
  it('treats a missing file as the defaults (loopback, port 4141)', async () => {
    const { config, existed } = await loadConfig(join(dir, 'none.json'))
    expect(existed).toBe(false)
    expect(config.server.host).toBe('127.0.0.1')
    expect(config.server.port).toBe(4141)
    expect(config.server.maxBodyBytes).toBeGreaterThanOrEqual(20 * 1024 * 1024)
  })

  it('accepts the documented shape', async () => {
    const file = join(dir, 'c.json')
    await writeFile(
      file,
      JSON.stringify({
        server: { host: '127.0.0.1', port: 4141, token: 'lr-0123456789abcdef' },
        providers: {
          openai: { baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-x' },
          groq: {},
          'custom-x': { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:8000/v1' },
        },
      }),
    )
    const { config } = await loadConfig(file)
    expect(Object.keys(config.providers)).toEqual(['openai', 'groq', 'custom-x'])
    expect(config.providers['custom-x']!.kind).toBe('openai-compatible')
  })

  it('names the file and the field of a bad value, and leaves the file as it was', async () => {
    const file = join(dir, 'bad.json')
    const text = JSON.stringify({ server: { port: 'eighty' } })
    await writeFile(file, text)
    const err = (await loadConfig(file).catch((e: unknown) => e)) as ConfigError
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.message).toContain(file)
    expect(err.message).toContain('server.port')
    await expect(
      updateConfigFile(file, (raw) => ((raw.server as Record<string, unknown>).port = 'still bad')),
    ).rejects.toThrow('server.port')
    expect(await readFile(file, 'utf8')).toBe(text)
  })

  it('refuses a redaction pattern that can backtrack catastrophically, naming the field and why', async () => {
    const file = join(dir, 'c.json')
    const text = JSON.stringify({ redaction: { always: { patterns: ['ACME-\\d{4}', '(\\w+\\s?)*$'] } } })
    await writeFile(file, text)
    const err = await loadConfig(file).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as Error).message).toContain(file)
    expect((err as Error).message).toContain(
      'redaction.always.patterns.1: this pattern can take exponential time on some text (a repeated group inside a repetition',
    )
    // Saving one through an update is refused the same way, and the file stays as it was.
    await writeFile(file, '{}')
    const upd = await updateConfigFile(file, (raw) => {
      raw.redaction = { never: { patterns: ['(a|a)*$'] } }
    }).catch((e: unknown) => e)
    expect((upd as Error).message).toContain(
      'redaction.never.patterns.0: this pattern can take exponential time',
    )
    expect(await readFile(file, 'utf8')).toBe('{}')
  })

  it('names unknown fields (typos are not silently ignored)', async () => {
    const file = join(dir, 'typo.json')
    await writeFile(file, JSON.stringify({ server: { prot: 1 } }))
    await expect(loadConfig(file)).rejects.toThrow(/server.*prot/)
  })

  it('names the file and the field of a provider entry the gateway could not use', async () => {
    const cases: Array<[unknown, string]> = [
      [{ providers: { foo: {} } }, "providers.foo: unknown provider kind 'foo'"],
      [{ providers: { x: { kind: 'nope' } } }, "providers.x.kind: unknown provider kind 'nope'"],
      [{ providers: { az: { kind: 'azure' } } }, 'providers.az.baseUrl: required for Azure OpenAI'],
      [{ providers: { 'custom-x': { kind: 'openai-compatible' } } }, 'providers.custom-x.baseUrl: required'],
    ]
    for (const [raw, field] of cases) {
      const file = join(dir, 'provider.json')
      await writeFile(file, JSON.stringify(raw))
      const err = (await loadConfig(file).catch((e: unknown) => e)) as ConfigError
      expect(err).toBeInstanceOf(ConfigError)
      expect(err.message).toContain(file)
      expect(err.message).toContain(field)
    }
    // A switched-off entry is not checked (it is not used).
    await writeFile(join(dir, 'off.json'), JSON.stringify({ providers: { foo: { enabled: false } } }))
    await expect(loadConfig(join(dir, 'off.json'))).resolves.toBeDefined()
  })

  it('says when the file is not JSON', async () => {
    const file = join(dir, 'notjson.json')
    await writeFile(file, '{ "server": ')
    await expect(loadConfig(file)).rejects.toThrow(/not valid JSON/)
  })

  it('points at a syntax error by line and column without quoting the text around it (it may be a key)', async () => {
    const file = join(dir, 'unquoted-key.json')
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz012345'
    await writeFile(file, `{\n  "providers": {\n    "openai": { "apiKey": ${key} }\n  }\n}\n`)
    const err = (await loadConfig(file).catch((e: unknown) => e)) as Error
    expect(err.message).toMatch(/not valid JSON: Unexpected token 's' at line 3, column 27$/)
    expect(err.message).not.toContain('sk-proj')
    const update = (await updateConfigFile(file, () => undefined).catch((e: unknown) => e)) as Error
    expect(update.message).toMatch(/Unexpected token 's' at line 3, column 27$/)
    expect(update.message).not.toContain('sk-proj')
    // Near the start, at the end, and errors V8 reports with a position.
    for (const [text, expected] of [
      [`{"k": ${key}}`, /Unexpected token 's' at line 1, column 7$/],
      [`{"apiKey": "${key}" "b": 1}`, /Expected ',' or '}' after property value at line 1, column 55$/],
      [`{"apiKey": "${key}`, /Unterminated string at line 1, column 53$/],
      [key, /Unexpected token 's' at line 1, column 1$/],
    ] as const) {
      await writeFile(file, text)
      const e = (await loadConfig(file).catch((x: unknown) => x)) as Error
      expect(e.message).toMatch(expected)
      expect(e.message).not.toContain('sk-proj')
    }
  })

  it('updates in place keeping what the user wrote, atomically, readable by the user only', async () => {
    const file = join(dir, 'u.json')
    await writeFile(file, JSON.stringify({ providers: { groq: {} } }))
    await updateConfigFile(
      file,
      (raw) => (((raw.server ??= {}) as Record<string, unknown>).token = 'lr-abcdefghijklmnop'),
    )
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    expect(raw).toEqual({ providers: { groq: {} }, server: { token: 'lr-abcdefghijklmnop' } })
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('saves a whole config that loads back the same', async () => {
    const file = join(dir, 'sub', 'whole.json')
    const { config } = await loadConfig(join(dir, 'none.json'))
    config.server.port = 5151
    await saveConfig(file, config)
    expect((await loadConfig(file)).config).toEqual(config)
  })

  it('puts the per-user folder where each OS keeps app data', () => {
    expect(appDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe('/x/cfg/LocalRouter')
    expect(appDataDir({ LOCALROUTER_HOME: '/y' }, 'linux')).toBe('/y')
    expect(appDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32')).toContain('LocalRouter')
    expect(appDataDir({}, 'darwin')).toContain(join('Library', 'Application Support', 'LocalRouter'))
  })
})
