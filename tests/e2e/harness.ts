/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Starts what an e2e test drives: a fake OpenAI-compatible provider on loopback and the headless
 * LocalRouter (gateway + HTTP bridge + built UI) with a fresh config and history folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { startHeadlessUi, type HeadlessUi } from '../../electron/bridge/headless'
import { loadConfig } from '../../electron/config/store'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai'
import { memoryKeys } from '../helpers/memory-keys'

export interface Harness {
  app: HeadlessUi
  fake: FakeOpenAI
  dir: string
  stop(): Promise<void>
}

export const FAKE_MODELS = ['gpt-4o-mini', 'gpt-4o', 'echo', 'fail-429', 'fail-500', 'fail-401']

export async function startHarness(
  opts: { withKey?: boolean; chunkDelayMs?: number; ollamaUrl?: string } = {},
): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'lr-e2e-'))
  const fake = await startFakeOpenAI({ chunkDelayMs: opts.chunkDelayMs ?? 15, models: FAKE_MODELS })
  const file = join(dir, 'config.json')
  await writeFile(
    file,
    JSON.stringify({
      server: { port: 0, token: 'lr-e2e-token-0123456789abcdef' },
      providers: { openai: { baseUrl: fake.url } },
    }),
  )
  const { config } = await loadConfig(file)
  const keys = memoryKeys(() => fake.url)
  if (opts.withKey) await keys.set('openai', 'sk-e2e-valid-key-1234')
  const app = await startHeadlessUi({
    config,
    configFile: file,
    version: '0.0.0-e2e',
    uiDir: join(process.cwd(), 'out', 'renderer'),
    historyDir: join(dir, 'history'),
    keys,
    keyLookup: keys,
    env: {},
    // Nothing listens here: local detection finds no Ollama / LM Studio.
    localProbes: { ollama: opts.ollamaUrl ?? 'http://127.0.0.1:9/v1', lmstudio: 'http://127.0.0.1:9/v1' },
  })
  return {
    app,
    fake,
    dir,
    stop: async () => {
      await app.stop()
      await fake.close()
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
