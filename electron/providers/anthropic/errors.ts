/**
 * Anthropic's error bodies (`{"type":"error","error":{"type","message"},"request_id"}`) as OpenAI-shaped
 * errors with the upstream status, message and retry-after (429 and 529 "overloaded" included).
 */
import { GatewayError } from '../../../shared/errors'
import { mapUpstreamError } from '../errors'
import type { ResolvedProvider } from '../types'

const CODES: Readonly<Record<string, string>> = {
  overloaded_error: 'overloaded',
  rate_limit_error: 'rate_limit_exceeded',
  authentication_error: 'invalid_api_key',
  permission_error: 'permission_denied',
  not_found_error: 'not_found',
  invalid_request_error: 'invalid_request',
  billing_error: 'billing_error',
  request_too_large: 'request_too_large',
}

export function mapAnthropicError(
  provider: ResolvedProvider,
  status: number,
  bodyText: string,
  headers: Record<string, string>,
): GatewayError {
  const e = mapUpstreamError(provider, status, bodyText, headers)
  let code = e.code ?? (CODES[e.type] as string | undefined) ?? null
  // A 404 naming the model is the model-not-found case OpenAI clients know by its code.
  if (status === 404 && /model/i.test(e.message)) code = 'model_not_found'
  return new GatewayError(e.status, e.message, {
    type: e.type,
    code,
    param: e.param,
    provider: provider.id,
    headers: e.headers,
  })
}
