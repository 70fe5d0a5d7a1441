/** Errors as the client sees them: never with the provider's key, and as an SSE event once a stream has started. */
import { GatewayError } from '../../shared/errors'
import { scrubKey } from '../providers/errors'

/**
 * The same error without the provider's key in it (an upstream may quote the key it was sent, in its
 * message or in any other field of its error body).
 */
export function withoutKey(error: GatewayError, key: string | undefined): GatewayError {
  if (!key || key.length < 4) return error
  const { message, type, code, param } = error
  if (!message.includes(key) && !type.includes(key) && !code?.includes(key) && !param?.includes(key))
    return error
  return new GatewayError(error.status, scrubKey(message, key), {
    type: scrubKey(type, key),
    code: code === null ? null : scrubKey(code, key),
    param: param === null ? null : scrubKey(param, key),
    ...(error.provider !== undefined ? { provider: error.provider } : {}),
    headers: error.headers,
  })
}

/** The same error, naming the provider it concerns (unless it already names one). */
export function forProvider(error: GatewayError, id: string | undefined): GatewayError {
  if (!id || error.provider !== undefined) return error
  return new GatewayError(error.status, error.message, {
    type: error.type,
    code: error.code,
    param: error.param,
    provider: id,
    headers: error.headers,
  })
}

export function errorEvent(error: GatewayError): string {
  return `data: ${JSON.stringify(error.toBody())}\n\n`
}
