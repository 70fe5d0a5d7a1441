/**
 * The per-model request rules from the catalog (`ModelCaps`), applied to an Anthropic request body:
 * a field the model rejects is left out and reported, and a setting with a documented equivalent on
 * the model (adaptive thinking with an effort level instead of a thinking budget) is mapped to it and
 * reported. A model with no rules (not in the catalog, no family match) is left as it is.
 */
import type { ChatRequest } from '../../../shared/openai'
import type { ModelCaps } from '../catalog'
import { unsupported } from '../translate'
import type { Warning } from '../types'
import type { Block } from './convert-prompt'

const LABEL = 'Anthropic'

/** OpenAI's `reasoning_effort` (and OpenRouter's `reasoning.effort`) as Anthropic's `output_config.effort`. */
export const EFFORT_LEVEL: Readonly<Record<string, string>> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'max',
}
const EFFORT_ORDER = ['low', 'medium', 'high', 'xhigh', 'max']

function describeRange(r: { min?: number; max?: number }): string {
  if (r.min !== undefined && r.min === r.max) return `only ${r.min} is accepted`
  if (r.min !== undefined && r.max !== undefined) return `only ${r.min} to ${r.max} is accepted`
  if (r.min !== undefined) return `only ${r.min} or more is accepted`
  return `only up to ${r.max} is accepted`
}

/** True when the model rejects this value of this field (per the catalog). */
export function rejectsValue(caps: ModelCaps | undefined, field: string, v: unknown): boolean {
  if (!caps?.rejects || !(field in caps.rejects)) return false
  const range = caps.rejects[field]
  return !(range && typeof v === 'number' && v >= (range.min ?? -Infinity) && v <= (range.max ?? Infinity))
}

/** Leaves out every field the model rejects (outside the range it still takes), with a warning each. */
export function dropRejected(
  model: string,
  caps: ModelCaps | undefined,
  out: Block,
  warnings: Warning[],
): void {
  if (!caps?.rejects) return
  for (const [field, range] of Object.entries(caps.rejects)) {
    const v = out[field]
    if (v === undefined || !rejectsValue(caps, field, v)) continue
    delete out[field]
    const why = caps.rejectsWhy ? ` (${caps.rejectsWhy})` : ''
    const accepted = range ? `; ${describeRange(range)}` : ''
    warnings.push({
      code: 'unsupported_param',
      param: field,
      message: `${model} does not accept ${field} ${JSON.stringify(v)}${why}${accepted}; it was not sent`,
    })
  }
}

/** The effort level the model takes nearest to (not above) the one asked for. */
function nearestEffort(caps: ModelCaps, level: string): string | undefined {
  const have = caps.efforts ?? []
  if (have.includes(level)) return level
  for (let i = EFFORT_ORDER.indexOf(level) - 1; i >= 0; i--)
    if (have.includes(EFFORT_ORDER[i]!)) return EFFORT_ORDER[i]
  return undefined
}

function mergeOutputConfig(out: Block, extra: Block): void {
  out.output_config = { ...((out.output_config as Block | undefined) ?? {}), ...extra }
}

/** Turns thinking off as far as the model allows, and says what was sent instead where it cannot. */
function thinkingOff(model: string, caps: ModelCaps, param: string, out: Block, warnings: Warning[]): void {
  if (!caps.rejectsThinking?.includes('disabled')) {
    out.thinking = { type: 'disabled' }
    return
  }
  if (caps.thinkingOff) {
    out.thinking = { type: caps.thinkingOff }
    warnings.push({
      code: 'param_mapped',
      param,
      message: `${model} cannot turn thinking off; it was sent as thinking.type '${caps.thinkingOff}' (no up-front thinking)`,
    })
    return
  }
  const lowest = nearestEffort(caps, 'low')
  if (lowest) mergeOutputConfig(out, { effort: lowest })
  warnings.push({
    code: 'unsupported_param',
    param,
    message: `${model} always thinks (Anthropic rejects thinking.type 'disabled' for it)${lowest ? `; it was sent with the lowest effort, '${lowest}'` : ''}`,
  })
}

/**
 * `reasoning_effort` / OpenRouter's `reasoning` for a model that takes adaptive thinking only:
 * `thinking: {type: 'adaptive'}` plus `output_config.effort`, never a budget (a 400 on these models).
 */
export function adaptiveThinking(
  model: string,
  caps: ModelCaps,
  body: ChatRequest,
  out: Block,
  warnings: Warning[],
): void {
  if (body.thinking !== undefined) return // the client's own `thinking` is checked by nativeThinking()
  const reasoning = body.reasoning as
    { effort?: unknown; max_tokens?: unknown; enabled?: unknown } | undefined
  let effort: string | undefined
  let budget = false
  let on = false
  let param = 'reasoning_effort'
  if (reasoning && typeof reasoning === 'object') {
    param = 'reasoning'
    if (reasoning.enabled === false) effort = 'none'
    else if (typeof reasoning.max_tokens === 'number') budget = true
    else if (typeof reasoning.effort === 'string') effort = reasoning.effort
    else if (reasoning.enabled === true) on = true
  }
  if (effort === undefined && !budget && !on) {
    if (typeof body.reasoning_effort !== 'string') return
    effort = body.reasoning_effort
    param = 'reasoning_effort'
  }
  if (effort === 'none') return thinkingOff(model, caps, param, out, warnings)
  if (effort !== undefined) {
    const level = EFFORT_LEVEL[effort]
    if (!level) {
      warnings.push(unsupported(LABEL, param, `'${effort}' is not a known effort`))
      return
    }
    out.thinking = { type: 'adaptive' }
    const sent = nearestEffort(caps, level)
    if (sent) mergeOutputConfig(out, { effort: sent })
    if (sent !== effort)
      warnings.push({
        code: sent === level ? 'param_mapped' : 'param_clamped',
        param,
        message: sent
          ? `${model} takes adaptive thinking with an effort level; '${effort}' was sent as output_config.effort '${sent}'`
          : `${model} takes no effort level; adaptive thinking was turned on without one`,
      })
    return
  }
  out.thinking = { type: 'adaptive' }
  if (budget)
    warnings.push({
      code: 'param_mapped',
      param,
      message: `${model} takes no thinking budget (adaptive thinking only; Anthropic rejects budget_tokens with a 400): adaptive thinking was turned on and the model picks the depth`,
    })
}

/** The client's own Anthropic `thinking` field, mapped or left out where the model rejects its type. */
export function nativeThinking(
  model: string,
  caps: ModelCaps | undefined,
  out: Block,
  warnings: Warning[],
): void {
  const t = out.thinking as { type?: unknown; display?: unknown } | undefined
  if (!caps?.rejectsThinking || !t || typeof t.type !== 'string' || !caps.rejectsThinking.includes(t.type))
    return
  if (t.type === 'enabled' && caps.thinking === 'adaptive') {
    out.thinking = t.display !== undefined ? { type: 'adaptive', display: t.display } : { type: 'adaptive' }
    warnings.push({
      code: 'param_mapped',
      param: 'thinking',
      message: `${model} takes no thinking budget (Anthropic rejects thinking.type 'enabled' for it with a 400): it was sent as thinking.type 'adaptive'`,
    })
    return
  }
  if (t.type === 'disabled') {
    delete out.thinking
    return thinkingOff(model, caps, 'thinking', out, warnings)
  }
  delete out.thinking
  warnings.push({
    code: 'unsupported_param',
    param: 'thinking',
    message: `${model} does not accept thinking.type '${t.type}' (Anthropic rejects it with a 400); it was not sent`,
  })
}

/** A forced tool choice (`any`, or one named tool) where the model rejects it: sent as `auto`. */
export function forcedToolChoice(
  model: string,
  caps: ModelCaps | undefined,
  out: Block,
  warnings: Warning[],
): void {
  const tc = out.tool_choice as Block | undefined
  if (caps?.forcedToolChoice !== false || !tc || (tc.type !== 'any' && tc.type !== 'tool')) return
  const { name: _name, ...rest } = tc
  out.tool_choice = { ...rest, type: 'auto' }
  warnings.push({
    code: 'unsupported_param',
    param: 'tool_choice',
    message: `${model} rejects a forced tool choice (Anthropic returns a 400); it was sent as 'auto', so the model may answer without calling a tool`,
  })
}

const THINKING_ON = new Set(['enabled', 'adaptive'])

/**
 * Thinking asked for (from `reasoning_effort` / `reasoning`, already in `out`, or the client's own
 * `thinking`) together with a tool_choice that forces a tool: Anthropic answers that with a 400
 * ("Thinking may not be enabled when tool_choice forces tool use";
 * https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#extended-thinking-with-tool-use:
 * "Tool use with thinking only supports tool_choice auto or none"). The forced tool is what the client's
 * code relies on, so thinking is left out and reported, where the model can work without it; the same for
 * the answer tool that carries `response_format` on a model without structured outputs (answer-tool.ts).
 * Returns true when the client's own `thinking` must not be sent.
 */
export function forcedToolWithoutThinking(
  model: string,
  caps: ModelCaps | undefined,
  body: ChatRequest,
  out: Block,
  warnings: Warning[],
  answerTool = false,
): boolean {
  const choice = body.tool_choice
  const forced =
    answerTool ||
    ((choice === 'required' ||
      (typeof choice === 'object' &&
        choice !== null &&
        typeof (choice as { function?: { name?: unknown } }).function?.name === 'string')) &&
      !!body.tools?.length)
  if (!forced || caps?.forcedToolChoice === false) return false
  if (caps?.rejectsThinking?.includes('disabled')) return false // always thinks: nothing to leave out
  const native = (body.thinking as { type?: unknown } | undefined)?.type
  const fromOut = THINKING_ON.has(String((out.thinking as { type?: unknown } | undefined)?.type))
  const fromNative = out.thinking === undefined && THINKING_ON.has(String(native))
  if (!fromOut && !fromNative) return false
  delete out.thinking
  const param = fromNative ? 'thinking' : body.reasoning !== undefined ? 'reasoning' : 'reasoning_effort'
  warnings.push({
    code: 'unsupported_param',
    param,
    message: answerTool
      ? `Anthropic cannot think while tool_choice forces a tool (${model} answers that with a 400), and response_format is sent as a forced tool on this model; thinking was not turned on`
      : `Anthropic cannot think while tool_choice forces a tool (${model} answers that with a 400); thinking was not turned on, and the forced tool choice was kept`,
  })
  return fromNative
}
