import { describe, expect, it } from 'vitest'
import { reachedProvider } from '../../../renderer/src/lib/chat'

describe('"sent to" records only requests that left the machine', () => {
  it('answers and provider errors count; refusals here do not', () => {
    expect(reachedProvider({ status: 'done', provider: 'openai' })).toBe(true)
    expect(reachedProvider({ status: 'stopped', provider: 'openai' })).toBe(true)
    expect(reachedProvider({ status: 'done' })).toBe(false)
    const err = (code: string | null, type = 'api_error') => ({
      status: 'error' as const,
      provider: 'openai',
      error: { message: 'x', code, type },
    })
    expect(reachedProvider(err('rate_limit_exceeded'))).toBe(true)
    expect(reachedProvider(err(null))).toBe(true)
    expect(reachedProvider(err('sensitive_data_blocked', 'redaction_error'))).toBe(false)
    expect(reachedProvider(err('redaction_failed', 'redaction_error'))).toBe(false)
    expect(reachedProvider(err('missing_api_key'))).toBe(false)
    expect(reachedProvider(err('upstream_unreachable'))).toBe(false)
  })
})
