/**
 * The one error shape LocalRouter ever returns, over HTTP and over the bridge:
 * OpenAI's `{"error":{"message","type","code"}}`.
 */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'upstream_error'
  | 'redaction_error'
  | 'keychain_error'

export interface ErrorBody {
  error: {
    message: string
    type: ErrorType | string
    code: string | null
    param?: string | null
    /** The provider id when the error came from (or concerns) one upstream. */
    provider?: string
  }
}

export class GatewayError extends Error {
  readonly status: number
  readonly type: ErrorType | string
  readonly code: string | null
  readonly param: string | null
  readonly provider: string | undefined
  /** Extra response headers (for example `retry-after` from an upstream 429). */
  readonly headers: Record<string, string>

  constructor(
    status: number,
    message: string,
    opts: {
      type?: ErrorType | string
      code?: string | null
      param?: string | null
      provider?: string
      headers?: Record<string, string>
    } = {},
  ) {
    super(message)
    this.name = 'GatewayError'
    this.status = status
    this.type = opts.type ?? typeForStatus(status)
    this.code = opts.code ?? null
    this.param = opts.param ?? null
    this.provider = opts.provider
    this.headers = opts.headers ?? {}
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { message: this.message, type: this.type, code: this.code }
    if (this.param) error.param = this.param
    if (this.provider) error.provider = this.provider
    return { error }
  }
}

export function typeForStatus(status: number): ErrorType {
  if (status === 401) return 'authentication_error'
  if (status === 403) return 'permission_error'
  if (status === 404) return 'not_found_error'
  if (status === 408 || status === 504) return 'timeout_error'
  if (status === 429) return 'rate_limit_error'
  if (status >= 500) return 'api_error'
  return 'invalid_request_error'
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false
  const e = (value as { error?: unknown }).error
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string'
}
