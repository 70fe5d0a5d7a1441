/** Errors as the client sees them: never with the provider's key, and as an SSE event once a stream has started. */
import { GatewayError } from '../../shared/errors'
import { scrubKey } from '../providers/errors'

/** The same error without the provider's key in its message (an upstream may quote the key it was sent). */
export function withoutKey(error: GatewayError, key: string | undefined): GatewayError {
  if (!key || key.length < 4 || !error.message.includes(key)) return error
  return new GatewayError(error.status, scrubKey(error.message, key), {
    type: error.type,
    code: error.code,
    param: error.param,
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
