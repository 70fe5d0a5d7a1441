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
  // JSON may spell the key with escapes (`\u0073k-...`, `\/`): the parsed strings are scrubbed again,
  // before they are cut, so neither the key nor a piece of it survives.
  const clean = (s: string) => scrubKey(s, key).slice(0, MAX_MESSAGE)
  let parsed: unknown
  try {
    parsed = JSON.parse(bodyText)
  } catch {
    const text = bodyText.trim()
    return { message: text ? text.slice(0, MAX_MESSAGE) : '' }
  }
  // Some providers wrap the error in a one-element array (Gemini does on some paths).
  if (Array.isArray(parsed)) parsed = parsed[0]
  if (typeof parsed !== 'object' || parsed === null) return { message: clean(String(parsed)) }
  const root = parsed as Record<string, unknown>
  const err = root.error
  if (typeof err === 'string') return { message: clean(err) }
  if (typeof err === 'object' && err !== null) {
    const e = err as Record<string, unknown>
    const out: { message: string; type?: string; code?: string | null; param?: string | null } = {
      message: clean(typeof e.message === 'string' ? e.message : JSON.stringify(e)),
    }
    if (typeof e.type === 'string') out.type = clean(e.type)
    else if (typeof e.status === 'string') out.type = clean(e.status)
    if (typeof e.code === 'string') out.code = clean(e.code)
    else if (typeof e.code === 'number') out.code = String(e.code)
    if (typeof e.param === 'string') out.param = clean(e.param)
    return out
  }
  if (typeof root.message === 'string') return { message: clean(root.message) }
  if (typeof root.detail === 'string') return { message: clean(root.detail) }
  // Written again by JSON.stringify, escapes are gone, so a quoted key is found.
  return { message: clean(JSON.stringify(root)) }
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
