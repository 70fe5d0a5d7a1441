/** The running gateway with fake Anthropic and Gemini upstreams on loopback, as the native tests use it. */
import { FAKE_ANTHROPIC_KEY, startFakeAnthropic } from './fake-anthropic'
import { FAKE_GEMINI_KEY, startFakeGemini } from './fake-gemini'
import type { FakeServer } from './fake-upstream'
import { startTestGateway, type TestGateway } from './gateway'

export interface NativeGateway {
  anthropic: FakeServer
  gemini: FakeServer
  gw: TestGateway
  close(): Promise<void>
}

export async function startNativeGateway(): Promise<NativeGateway> {
  const anthropic = await startFakeAnthropic()
  const gemini = await startFakeGemini()
  const gw = await startTestGateway({
    providers: {
      anthropic: { baseUrl: anthropic.url, apiKey: FAKE_ANTHROPIC_KEY },
      gemini: { baseUrl: `${gemini.url}/v1beta`, apiKey: FAKE_GEMINI_KEY },
    },
  })
  return {
    anthropic,
    gemini,
    gw,
    close: async () => {
      await gw.stop()
      await anthropic.close()
      await gemini.close()
    },
  }
}
