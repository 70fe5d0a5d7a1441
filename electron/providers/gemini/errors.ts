/**
 * Gemini's error bodies (`{"error":{"code","message","status","details"}}`, google.rpc.Status) as
 * OpenAI-shaped errors: upstream status and message, `status` as the code, and the RetryInfo delay of a
 * 429 as `retry-after` when Google sent no header.
 */
import { GatewayError, typeForStatus } from '../../../shared/errors'
import { upstreamMessage, scrubKey } from '../errors'
import type { ResolvedProvider } from '../types'

interface Detail {
  '@type'?: string
  reason?: string
  retryDelay?: string
}

function details(bodyText: string): Detail[] {
  try {
    let v = JSON.parse(bodyText) as unknown
    if (Array.isArray(v)) v = v[0]
    const d = (v as { error?: { details?: unknown } })?.error?.details
    return Array.isArray(d) ? (d as Detail[]) : []
  } catch {
    return []
  }
}

export function mapGeminiError(
  provider: ResolvedProvider,
  status: number,
  bodyText: string,
  headers: Record<string, string>,
): GatewayError {
  // The key out of the whole body first: any field may quote it, and the message is cut to a length.
  bodyText = scrubKey(bodyText, provider.apiKey)
  const up = upstreamMessage(bodyText, provider.apiKey)
  const outStatus = status >= 400 && status <= 599 ? status : 502
  const extra: Record<string, string> = {}
  const list = details(bodyText)
  if (headers['retry-after']) extra['retry-after'] = headers['retry-after']
  else {
    const delay = list.find((d) => typeof d.retryDelay === 'string')?.retryDelay
    const seconds = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay)?.[1] : undefined
    if (seconds) extra['retry-after'] = String(Math.ceil(Number(seconds)))
  }
  const reason = list.find((d) => typeof d.reason === 'string')?.reason
  const code = reason ? reason.toLowerCase() : up.type ? up.type.toLowerCase() : null
  return new GatewayError(outStatus, up.message || `Gemini answered HTTP ${status}`, {
    type: typeForStatus(outStatus),
    code,
    provider: provider.id,
    headers: extra,
  })
}
