import OpenAI from 'openai'
import { parseConfig } from '../../electron/config/store'
import { createLogger } from '../../electron/log'
import { type RunningGateway, startGateway, type StartOptions } from '../../electron/services'

export const TEST_TOKEN = 'lr-test-token-0123456789abcdef'

export interface TestGateway extends RunningGateway {
  logs: string[]
  token: string
  baseURL: string
  client(opts?: { apiKey?: string }): OpenAI
  /** fetch against the gateway with the token (unless headers say otherwise). */
  fetch(path: string, init?: RequestInit): Promise<Response>
}

export async function startTestGateway(
  raw: { providers?: Record<string, unknown>; server?: Record<string, unknown> },
  extra: Partial<StartOptions> = {},
): Promise<TestGateway> {
  const config = parseConfig(
    { server: { port: 0, token: TEST_TOKEN, ...raw.server }, providers: raw.providers ?? {} },
    'test config',
  )
  const logs: string[] = []
  const gw = await startGateway({
    config,
    headless: true,
    env: {},
    token: () => TEST_TOKEN,
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    ...extra,
  })
  const baseURL = `${gw.url}/v1`
  return {
    ...gw,
    logs,
    token: TEST_TOKEN,
    baseURL,
    client: (opts = {}) =>
      new OpenAI({ baseURL, apiKey: opts.apiKey ?? TEST_TOKEN, maxRetries: 0, timeout: 10_000 }),
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers)
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TEST_TOKEN}`)
      return fetch(`${gw.url}${path}`, { ...init, headers })
    },
  }
}

/** Reads an SSE response body into its data payloads. */
export async function sseData(res: Response): Promise<string[]> {
  const text = await res.text()
  return text
    .split('\n\n')
    .map((block) =>
      block
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n'),
    )
    .filter((d) => d !== '')
}
