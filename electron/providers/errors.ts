import { GatewayError, typeForStatus } from '../../shared/errors'
import type { ResolvedProvider } from './types'

const MAX_MESSAGE = 2000

/**
 * Pulls a human message out of whatever error body a provider sent (JSON of several shapes, or text).
 * With `key`, the key is taken out of the whole body first: an upstream may quote it in any field, and a
 * message cut at MAX_MESSAGE would otherwise keep a piece of it that a later scrub cannot recognise.
 */
export function upstreamMessage(
  bodyText: string,
  key?: string,
): {
  message: string
  type?: string
  code?: string | null
  param?: string | null
} {
  bodyText = scrubKey(bodyText, key)
  let parsed: unknown
  try {
    parsed = JSON.parse(bodyText)
  } catch {
    const text = bodyText.trim()
    return { message: text ? text.slice(0, MAX_MESSAGE) : '' }
  }
  // Some providers wrap the error in a one-element array (Gemini does on some paths).
  if (Array.isArray(parsed)) parsed = parsed[0]
  if (typeof parsed !== 'object' || parsed === null) return { message: String(parsed).slice(0, MAX_MESSAGE) }
  const root = parsed as Record<string, unknown>
  const err = root.error
  if (typeof err === 'string') return { message: err.slice(0, MAX_MESSAGE) }
  if (typeof err === 'object' && err !== null) {
    const e = err as Record<string, unknown>
    const out: { message: string; type?: string; code?: string | null; param?: string | null } = {
      message:
        typeof e.message === 'string'
          ? e.message.slice(0, MAX_MESSAGE)
          : JSON.stringify(e).slice(0, MAX_MESSAGE),
    }
    if (typeof e.type === 'string') out.type = e.type
    else if (typeof e.status === 'string') out.type = e.status
    if (typeof e.code === 'string') out.code = e.code
    else if (typeof e.code === 'number') out.code = String(e.code)
    if (typeof e.param === 'string') out.param = e.param
    return out
  }
  if (typeof root.message === 'string') return { message: root.message.slice(0, MAX_MESSAGE) }
  if (typeof root.detail === 'string') return { message: root.detail.slice(0, MAX_MESSAGE) }
  return { message: bodyText.slice(0, MAX_MESSAGE) }
}

/** Removes every occurrence of the provider's key from a text that goes back to a client or a log. */
export function scrubKey(text: string, key: string | undefined): string {
  if (!key || key.length < 4) return text
  return text.split(key).join('[redacted key]')
}

/** The generic mapping: keep the upstream status and message, say which provider, pass retry-after on. */
export function mapUpstreamError(
  provider: ResolvedProvider,
  status: number,
  bodyText: string,
  headers: Record<string, string>,
): GatewayError {
  const up = upstreamMessage(bodyText, provider.apiKey)
  const message = up.message || `${provider.preset.label} answered HTTP ${status}`
  const extra: Record<string, string> = {}
  const retryAfter = headers['retry-after']
  if (retryAfter) extra['retry-after'] = retryAfter
  // What the official SDKs obey before retry-after, and whether to retry at all (OpenAI and Anthropic send them).
  const retryAfterMs = headers['retry-after-ms']
  if (retryAfterMs) extra['retry-after-ms'] = retryAfterMs
  const shouldRetry = headers['x-should-retry']
  if (shouldRetry === 'true' || shouldRetry === 'false') extra['x-should-retry'] = shouldRetry
  // A status outside what HTTP allows us to send on is reported as a bad gateway.
  const outStatus = status >= 400 && status <= 599 ? status : 502
  return new GatewayError(outStatus, message, {
    type: up.type ?? typeForStatus(outStatus),
    code: up.code ?? null,
    param: up.param ?? null,
    provider: provider.id,
    headers: extra,
  })
}
