/**
 * The router's hooks: redact one chat request before it is sent (failing closed), and restore the
 * answer. Kept here so the router only calls two functions.
 */
import { countEntities } from '../../shared/entities'
import { GatewayError } from '../../shared/errors'
import type { ChatCompletion, ChatRequest } from '../../shared/openai'
import type { RedactionConfig } from '../config/schema'
import { detectOptions, MODES, resolveMode } from './options'
import { countsHeader, redactChatRequest } from './redact'
import { Restorer } from './restore'
import type { RedactionMode } from './types'

export const REDACT_HEADER = 'x-localrouter-redact'
export const REDACTED_HEADER = 'x-localrouter-redacted'

/** Reads `x-localrouter-redact`; a bad value is a 400, never a silent default. */
export function parseRedactHeader(value: string | string[] | undefined): RedactionMode | undefined {
  if (value === undefined) return undefined
  const v = (Array.isArray(value) ? value[0]! : value).trim().toLowerCase()
  if ((MODES as readonly string[]).includes(v)) return v as RedactionMode
  throw new GatewayError(400, `${REDACT_HEADER} must be one of off, mask, block (got '${v.slice(0, 20)}')`, {
    code: 'invalid_redact_header',
    param: REDACT_HEADER,
  })
}

/** Applies the mode to an embeddings request: string inputs are redacted (nothing to restore). */
export function prepareEmbeddings(
  body: Record<string, unknown>,
  config: RedactionConfig | undefined,
  provider: { id: string; local: boolean },
  header: RedactionMode | undefined,
): { body: Record<string, unknown>; headers: Record<string, string> } {
  const { input, ...rest } = body
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input : []
  const messages = texts.map((t) => ({ role: 'user', content: typeof t === 'string' ? t : '' }))
  // The other fields (`user`, ...) leave the machine too: redacted with the same vault.
  const prepared = prepareChat({ ...rest, model: String(body.model), messages }, config, provider, header)
  if (!prepared.restorer) return { body, headers: prepared.headers }
  const { messages: sent, ...fields } = prepared.body
  const redacted = texts.map((t, i) => (typeof t === 'string' ? sent[i]!.content : t))
  return {
    body: { ...fields, model: body.model, input: typeof input === 'string' ? redacted[0] : redacted },
    headers: prepared.headers,
  }
}

export interface PreparedRequest {
  body: ChatRequest
  /** Present when something was replaced: restores the answer. */
  restorer?: Restorer
  /** Response headers to add (`x-localrouter-redacted`). */
  headers: Record<string, string>
}

/**
 * Applies the request's redaction mode. Throws a GatewayError (and nothing is sent) in block mode
 * when anything sensitive is found, and when redaction itself fails for any reason.
 */
export function prepareChat(
  body: ChatRequest,
  config: RedactionConfig | undefined,
  provider: { id: string; local: boolean },
  header: RedactionMode | undefined,
): PreparedRequest {
  const mode = resolveMode(config, provider, header)
  if (mode === 'off') return { body, headers: {} }
  let result: ReturnType<typeof redactChatRequest>
  try {
    result = redactChatRequest(body, detectOptions(config))
  } catch {
    throw new GatewayError(500, 'Redaction failed, so the request was not sent to the provider', {
      type: 'redaction_error',
      code: 'redaction_failed',
      provider: provider.id,
    })
  }
  if (!result.vault.size) return { body, headers: {} }
  const headers = { [REDACTED_HEADER]: countsHeader(result.vault) }
  if (mode === 'block') {
    const kinds = Object.entries(result.vault.counts()).map(([t, n]) => countEntities(t, n))
    throw new GatewayError(
      400,
      `Redaction is set to block and the request contains ${kinds.join(', ')}; nothing was sent to the provider`,
      { type: 'redaction_error', code: 'sensitive_data_blocked', provider: provider.id, headers },
    )
  }
  return {
    body: result.body,
    restorer: new Restorer(result.vault, { keepSecretsMasked: config?.keepSecretsMasked ?? false }),
    headers,
  }
}

/** Restores a whole (non-streamed) completion in place. */
export function restoreCompletion(completion: ChatCompletion, restorer: Restorer): void {
  for (const choice of completion.choices ?? []) {
    const m = choice.message as Record<string, unknown> | undefined
    if (!m) continue
    for (const f of ['content', 'reasoning', 'reasoning_content', 'refusal'])
      if (typeof m[f] === 'string') m[f] = restorer.restore(m[f])
    const calls = m.tool_calls
    if (Array.isArray(calls))
      for (const c of calls as Array<{ function?: { arguments?: unknown } }>)
        if (c.function && typeof c.function.arguments === 'string')
          c.function.arguments = restorer.restore(c.function.arguments, 'json')
  }
}

/**
 * Compiles the patterns and loads the phone metadata ahead of the first request (about 35 ms once),
 * so the first redacted prompt is as fast as the rest. Harmless to call more than once.
 */
export function warmUp(config: RedactionConfig | undefined): void {
  redactChatRequest(
    {
      model: 'warm-up',
      messages: [{ role: 'user', content: 'Hi Anna, call +1 415 555 0132 or mail a@example.com' }],
    },
    detectOptions(config),
  )
}
