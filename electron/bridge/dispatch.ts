/**
 * Validates and runs one bridge call, whatever the transport: the request is parsed with the method's
 * schema (a bad payload is a 400-style error, never reaches the handler), the response is checked
 * against its schema before it leaves (so a handler cannot leak a field the contract does not name).
 */
import { BRIDGE_CONTRACT, type BridgeHandlers, isBridgeMethod } from '../../shared/bridge'
import { GatewayError } from '../../shared/errors'

export async function dispatchBridge(
  handlers: BridgeHandlers,
  method: unknown,
  payload: unknown,
): Promise<unknown> {
  if (!isBridgeMethod(method))
    throw new GatewayError(404, `Unknown bridge method: ${String(method)}`, { code: 'unknown_method' })
  const spec = BRIDGE_CONTRACT[method]
  const parsed = spec.request.safeParse(payload ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new GatewayError(
      400,
      `Invalid ${method} request: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      { code: 'invalid_request' },
    )
  }
  const handler = handlers[method] as (req: unknown) => Promise<unknown>
  const result = await handler(parsed.data)
  const checked = spec.response.safeParse(result)
  if (!checked.success)
    throw new GatewayError(500, `The ${method} handler returned a response outside the contract`, {
      code: 'internal_error',
    })
  return checked.data
}
