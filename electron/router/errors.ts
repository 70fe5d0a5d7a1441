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

/**
 * A failure that is the request's own doing, not ours: a body nested so deep (`[[[[...]]]]` a hundred
 * thousand times) that building the provider's request overflows the stack. A 400 the client can act on
 * (a 500 would be retried by the SDKs, and logged as our error).
 */
export function requestFault(err: unknown): GatewayError | undefined {
  if (err instanceof RangeError && /call stack/i.test(err.message))
    return new GatewayError(400, 'The request is nested too deeply to be sent on', {
      code: 'request_too_deep',
    })
  return undefined
}
