/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Starts what an e2e test drives: a fake OpenAI-compatible provider on loopback and the headless
 * LocalRouter (gateway + HTTP bridge + built UI) with a fresh config and history folder, wired to the
 * real OS keychain exactly as `npm run serve -- --ui` is (keys, key lookup and the endpoint token from
 * electron/secrets). Each harness uses its own keychain service name, so runs never see each other's
 * keys; `npm test` runs Playwright inside scripts/with-keyring.sh (a private, throwaway Secret Service).
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startHeadlessUi, type HeadlessUi } from '../../electron/bridge/headless'
import { loadConfig } from '../../electron/config/store'
import { createSecrets, type Secrets } from '../../electron/secrets'
import { FAKE_ANTHROPIC_KEY, startFakeAnthropic } from '../helpers/fake-anthropic'
import { FAKE_GEMINI_KEY, startFakeGemini } from '../helpers/fake-gemini'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai'
import type { FakeServer } from '../helpers/fake-upstream'
import { requireTestKeyring } from '../helpers/keyring'

export interface Harness {
  app: HeadlessUi
  fake: FakeOpenAI
  /** The fake Anthropic behind provider `anthropic` (with `anthropic: true`; its key stored with `withKey`). */
  anthropic?: FakeServer
  /** The fake Gemini behind provider `gemini` (with `gemini: true`; its key stored with `withKey`). */
  gemini?: FakeServer
  /** The keychain this LocalRouter uses (its own service name in the test keyring). */
  secrets: Secrets
  dir: string
  stop(): Promise<void>
}

export const FAKE_MODELS = [
  'gpt-4o-mini',
  'gpt-4o',
  'echo',
  'fail-429',
  'fail-500',
  'fail-401',
  // Listed as OpenAI lists it; the picker keeps it out of the way (it cannot chat).
  'text-embedding-3-small',
]

export async function startHarness(
  opts: {
    withKey?: boolean
    chunkDelayMs?: number
    ollamaUrl?: string
    anthropic?: boolean
    gemini?: boolean
    /** Extra model ids the fake Anthropic and Gemini list (e.g. `fixture-thinking`), so the picker offers them. */
    nativeModels?: string[]
  } = {},
): Promise<Harness> {
  // Never the user's own keychain: only the throwaway one scripts/with-keyring.sh starts.
  requireTestKeyring()
  const dir = await mkdtemp(join(tmpdir(), 'lr-e2e-'))
  const fake = await startFakeOpenAI({ chunkDelayMs: opts.chunkDelayMs ?? 15, models: FAKE_MODELS })
  const anthropic = opts.anthropic
    ? await startFakeAnthropic({ chunkDelayMs: opts.chunkDelayMs ?? 15, extraModels: opts.nativeModels })
    : undefined
  const gemini = opts.gemini
    ? await startFakeGemini({ chunkDelayMs: opts.chunkDelayMs ?? 15, extraModels: opts.nativeModels })
    : undefined
  const file = join(dir, 'config.json')
  await writeFile(
    file,
    JSON.stringify({
      server: { port: 0, token: 'lr-e2e-token-0123456789abcdef' },
      providers: {
        openai: { baseUrl: fake.url },
        ...(anthropic ? { anthropic: { baseUrl: anthropic.url } } : {}),
        ...(gemini ? { gemini: { baseUrl: `${gemini.url}/v1beta` } } : {}),
      },
    }),
  )
  const { config } = await loadConfig(file)
  // No provider key in this environment: keys come from the keychain only.
  const env: NodeJS.ProcessEnv = { LOCALROUTER_HOME: dir }
  const secrets = createSecrets({ env, headless: true, service: `LocalRouterE2E-${randomUUID()}` })
  const keys = secrets.keyService(() => config)
  if (opts.withKey) await keys.set('openai', 'sk-e2e-valid-key-1234')
  if (opts.withKey && anthropic) await keys.set('anthropic', FAKE_ANTHROPIC_KEY)
  if (opts.withKey && gemini) await keys.set('gemini', FAKE_GEMINI_KEY)
  const app = await startHeadlessUi({
    config,
    configFile: file,
    version: '0.0.0-e2e',
    uiDir: join(process.cwd(), 'out', 'renderer'),
    historyDir: join(dir, 'history'),
    keys,
    keyLookup: secrets.keys,
    endpointToken: await secrets.endpointToken({ config, configFile: file }),
    env,
    // Nothing listens here: local detection finds no Ollama / LM Studio.
    localProbes: { ollama: opts.ollamaUrl ?? 'http://127.0.0.1:9/v1', lmstudio: 'http://127.0.0.1:9/v1' },
  })
  return {
    app,
    fake,
    ...(anthropic ? { anthropic } : {}),
    ...(gemini ? { gemini } : {}),
    secrets,
    dir,
    stop: async () => {
      await app.stop()
      await fake.close()
      await anthropic?.close()
      await gemini?.close()
      // Leave nothing in the keychain (with-keyring.sh throws its keyring away too).
      for (const account of await secrets.store.list()) await secrets.store.delete(account)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png` })
}

export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => {
    document.documentElement.dataset.theme = t
  }, theme)
  // Let the colour transitions finish before a screenshot.
  await page.waitForTimeout(250)
}
