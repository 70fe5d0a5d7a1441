/**
 * An OpenAI chat request as the body of Anthropic's `POST /v1/messages`, with a warning for every
 * setting Anthropic cannot honour. One-to-one renames are a table; the rest are small functions.
 */
import type { ChatRequest } from '../../../shared/openai'
import { type ModelCaps, modelCaps, modelFacts } from '../catalog'
import { asksForSomething, HANDLED_EVERYWHERE, requestedMaxTokens, stopList, unsupported } from '../translate'
import type { AdapterContext, Warning } from '../types'
import { answerTool, jsonSchemaFormat, needsSchemaFallback, schemaInstruction } from './answer-tool'
import { type Block, convertPrompt } from './convert-prompt'
import {
  adaptiveThinking,
  dropRejected,
  forcedToolChoice,
  forcedToolWithoutThinking,
  nativeThinking,
  rejectsValue,
} from './model-rules'

const LABEL = 'Anthropic'

/** Used when the catalog does not know the model: every current Claude model takes at least this. */
export const FALLBACK_MAX_TOKENS = 8192
/** Smallest thinking budget Anthropic accepts. */
export const MIN_THINKING_BUDGET = 1024
/** `reasoning_effort` as a thinking budget (tokens). */
export const EFFORT_BUDGET: Readonly<Record<string, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32768,
}

/** Anthropic-only request fields a client may send through us; passed on untouched. */
const NATIVE_FIELDS = ['top_k', 'thinking', 'cache_control'] as const

export interface AnthropicTool {
  name: string
  description?: string
  input_schema: unknown
  strict?: boolean
  cache_control?: unknown
}

function convertTools(body: ChatRequest, warnings: Warning[]): AnthropicTool[] | undefined {
  if (!Array.isArray(body.tools) || !body.tools.length) return undefined
  const out: AnthropicTool[] = []
  body.tools.forEach((tool, i) => {
    if (tool.type !== 'function' || !tool.function) {
      warnings.push(
        unsupported(LABEL, `tools[${i}]`, `only function tools are translated (got '${tool.type}')`),
      )
      return
    }
    const f = tool.function
    const t: AnthropicTool = {
      name: f.name,
      // Anthropic takes full JSON Schema as `input_schema`; a tool without parameters takes no input.
      input_schema: f.parameters ?? { type: 'object', properties: {} },
    }
    if (f.description) t.description = f.description
    if (typeof f.strict === 'boolean') t.strict = f.strict
    const cache = (tool as { cache_control?: unknown }).cache_control
    if (cache !== undefined) t.cache_control = cache
    out.push(t)
  })
  return out
}

function convertToolChoice(body: ChatRequest, warnings: Warning[]): Block | undefined {
  const choice = body.tool_choice
  let out: Block | undefined
  if (choice === 'auto') out = { type: 'auto' }
  else if (choice === 'none') out = { type: 'none' }
  else if (choice === 'required') out = { type: 'any' }
  else if (typeof choice === 'object' && choice !== null) {
    const name = (choice as { function?: { name?: unknown } }).function?.name
    if (typeof name === 'string') out = { type: 'tool', name }
    else warnings.push(unsupported(LABEL, 'tool_choice', 'this form is not translated'))
  } else if (choice !== undefined && choice !== null)
    warnings.push(unsupported(LABEL, 'tool_choice', `'${String(choice)}' is not translated`))
  if (body.parallel_tool_calls === false && body.tools?.length && out?.type !== 'none')
    out = { ...(out ?? { type: 'auto' }), disable_parallel_tool_use: true }
  return out
}

/** The thinking budget the client asked for, from `reasoning_effort` or OpenRouter's `reasoning`. */
function askedBudget(body: ChatRequest): number | 'off' | undefined {
  const reasoning = body.reasoning as
    { effort?: unknown; max_tokens?: unknown; enabled?: unknown } | undefined
  if (reasoning && typeof reasoning === 'object') {
    if (reasoning.enabled === false) return 'off'
    if (typeof reasoning.max_tokens === 'number') return reasoning.max_tokens
    if (typeof reasoning.effort === 'string')
      return reasoning.effort === 'none' ? 'off' : EFFORT_BUDGET[reasoning.effort]
    if (reasoning.enabled === true) return EFFORT_BUDGET.medium
  }
  const effort = body.reasoning_effort
  if (typeof effort === 'string') return effort === 'none' ? 'off' : EFFORT_BUDGET[effort]
  return undefined
}

/**
 * OpenAI's `service_tier` as Anthropic's ('auto': priority capacity if the organisation has it, else
 * standard; 'standard_only'; `MessageCreateParamsBase.service_tier`, https://platform.claude.com/docs/en/api/service-tiers).
 */
function convertServiceTier(tier: unknown, out: Block, warnings: Warning[]): void {
  if (tier === undefined || tier === null) return
  if (tier === 'auto') out.service_tier = 'auto'
  else if (tier === 'default') out.service_tier = 'standard_only'
  else if (tier === 'priority') {
    out.service_tier = 'auto'
    warnings.push({
      code: 'param_mapped',
      param: 'service_tier',
      message:
        "Anthropic has no per-request priority: service_tier 'priority' was sent as 'auto', which uses Priority Tier capacity where your organisation has it",
    })
  } else
    warnings.push(
      unsupported(LABEL, 'service_tier', `'${String(tier)}' has no Anthropic equivalent; it was not sent`),
    )
}

/** The least `top_p` Anthropic takes while thinking. */
export const MIN_THINKING_TOP_P = 0.95

/**
 * Sampling settings Anthropic rejects in combination: `top_k` while thinking ("Thinking isn't compatible
 * with temperature or top_k modifications", https://platform.claude.com/docs/en/build-with-claude/extended-thinking),
 * and `top_p` next to `temperature` on the models whose catalog caps say `temperatureOrTopP`.
 */
function samplingRules(model: string, caps: ModelCaps | undefined, out: Block, warnings: Warning[]): void {
  const type = (out.thinking as { type?: unknown } | undefined)?.type
  if ((type === 'enabled' || type === 'adaptive') && out.top_k !== undefined) {
    delete out.top_k
    warnings.push(unsupported(LABEL, 'top_k', 'it cannot be set while thinking; it was not sent'))
  }
  if (caps?.temperatureOrTopP && out.temperature !== undefined && out.top_p !== undefined) {
    delete out.top_p
    warnings.push({
      code: 'unsupported_param',
      param: 'top_p',
      message: `${model} takes temperature or top_p, not both (Anthropic answers the pair with a 400); temperature was sent, top_p was not`,
    })
  }
}

/** Adds one instruction at the end of the top-level `system` (a string, or a list of text blocks). */
function appendSystem(out: Block, note: string): void {
  out.system =
    typeof out.system === 'string' && out.system
      ? `${out.system}\n\n${note}`
      : Array.isArray(out.system)
        ? [...(out.system as Block[]), { type: 'text', text: note }]
        : note
}

export function convertRequest(
  ctx: AdapterContext,
  body: ChatRequest,
): { body: Block; warnings: Warning[]; answerTool?: string } {
  const warnings: Warning[] = []
  const prompt = convertPrompt(body.messages, warnings)
  const facts = modelFacts(ctx.provider.id, ctx.model, ctx.provider.preset.id)
  const caps = modelCaps(ctx.provider.id, ctx.model, ctx.provider.preset.id)
  const asked = requestedMaxTokens(body)
  const out: Block = {
    model: ctx.model,
    max_tokens: asked ?? facts?.max_output ?? FALLBACK_MAX_TOKENS,
  }
  if (prompt.system.length) {
    const plain = prompt.system.every((b) => b.cache_control === undefined)
    out.system = plain ? prompt.system.map((b) => b.text).join('\n\n') : prompt.system
  }
  out.messages = prompt.messages

  // Thinking: adaptive with an effort level where the model takes only that; else a budget of at
  // least 1024 and below max_tokens.
  const budget = caps?.thinking === 'adaptive' ? undefined : askedBudget(body)
  const maxTokens = out.max_tokens as number
  if (caps?.thinking === 'adaptive') adaptiveThinking(ctx.model, caps, body, out, warnings)
  else if (typeof budget === 'number' && body.thinking === undefined) {
    let b = Math.max(MIN_THINKING_BUDGET, Math.floor(budget))
    if (b >= maxTokens) {
      if (maxTokens - 1 >= MIN_THINKING_BUDGET) {
        b = maxTokens - 1
        warnings.push({
          code: 'param_clamped',
          param: 'reasoning_effort',
          message: `Anthropic's thinking budget must be below max_tokens (${maxTokens}); it was set to ${b}`,
        })
      } else {
        b = 0
        warnings.push({
          code: 'unsupported_param',
          param: 'reasoning_effort',
          message: `Anthropic needs max_tokens above ${MIN_THINKING_BUDGET} to think; thinking was not turned on`,
        })
      }
    }
    if (b) out.thinking = { type: 'enabled', budget_tokens: b }
  } else if (budget === undefined && body.reasoning_effort !== undefined && body.reasoning_effort !== null) {
    warnings.push(
      unsupported(LABEL, 'reasoning_effort', `'${String(body.reasoning_effort)}' is not a known effort`),
    )
  }
  // response_format json_schema on a model without structured outputs: a forced tool carries the schema.
  const answer = answerTool(caps, body)
  // Anthropic rejects thinking while tool_choice forces a tool: the forced tool wins where thinking can be off.
  const nativeThinkingDropped = forcedToolWithoutThinking(ctx.model, caps, body, out, warnings, !!answer)
  const thinkingType = (
    (out.thinking ?? (nativeThinkingDropped ? undefined : body.thinking)) as { type?: string } | undefined
  )?.type
  const thinking = thinkingType === 'enabled' || thinkingType === 'adaptive'

  if (typeof body.temperature === 'number') {
    // A value the model rejects outright is left out below, with the model's own rule as the reason.
    if (rejectsValue(caps, 'temperature', body.temperature)) out.temperature = body.temperature
    else if (thinking)
      warnings.push(unsupported(LABEL, 'temperature', 'it cannot be changed while thinking; it was not sent'))
    else if (body.temperature > 1) {
      out.temperature = 1
      warnings.push({
        code: 'param_clamped',
        param: 'temperature',
        message: `Anthropic's temperature goes up to 1; ${body.temperature} was sent as 1`,
      })
    } else out.temperature = body.temperature
  }
  if (typeof body.top_p === 'number') {
    // While thinking Anthropic takes top_p from 0.95 to 1 (extended-thinking docs, feature compatibility).
    if (thinking && body.top_p < MIN_THINKING_TOP_P && !rejectsValue(caps, 'top_p', body.top_p)) {
      out.top_p = MIN_THINKING_TOP_P
      warnings.push({
        code: 'param_clamped',
        param: 'top_p',
        message: `Anthropic takes top_p from ${MIN_THINKING_TOP_P} to 1 while thinking; ${body.top_p} was sent as ${MIN_THINKING_TOP_P}`,
      })
    } else out.top_p = body.top_p
  }
  const stops = stopList(body.stop)
  if (stops) out.stop_sequences = stops
  const tools = convertTools(body, warnings)
  if (tools) out.tools = tools
  const toolChoice = convertToolChoice(body, warnings)
  if (toolChoice) out.tool_choice = toolChoice
  if (answer) {
    out.tools = [{ ...answer }]
    out.tool_choice = { type: 'tool', name: answer.name }
  }
  forcedToolChoice(ctx.model, caps, out, warnings)
  if (typeof body.user === 'string' && body.user) out.metadata = { user_id: body.user }
  convertServiceTier(body.service_tier, out, warnings)
  if (body.stream === true) out.stream = true

  const rf = body.response_format as { type?: string } | undefined
  const format = jsonSchemaFormat(body)
  if (answer) {
    warnings.push({
      code: 'param_mapped',
      param: 'response_format',
      message: `${ctx.model} has no structured outputs (Anthropic rejects output_config.format for it): the schema was sent as a forced tool '${answer.name}', whose input is returned as the message content`,
    })
  } else if (needsSchemaFallback(caps, body)) {
    // The client's own tools: forcing a tool would end its tool loop, so the schema becomes an instruction.
    appendSystem(out, schemaInstruction(body))
    warnings.push({
      code: 'param_mapped',
      param: 'response_format',
      message: `${ctx.model} has no structured outputs, and with the request's own tools the schema cannot be sent as a forced tool: an instruction to answer in JSON valid against it was added to the system prompt (not guaranteed)`,
    })
  } else if (format) {
    // Anthropic's own structured output: the answer text is JSON valid against the schema.
    out.output_config = {
      ...(out.output_config as Block | undefined),
      format: { type: 'json_schema', schema: format.schema },
    }
  } else if (rf?.type === 'json_object') {
    appendSystem(out, 'Respond with a single valid JSON object and nothing else.')
    warnings.push({
      code: 'param_mapped',
      param: 'response_format',
      message:
        'Anthropic has no JSON mode without a schema: an instruction to answer in JSON was added to the system prompt',
    })
  } else if (rf && rf.type !== 'text')
    warnings.push(unsupported(LABEL, 'response_format', `type '${String(rf.type)}' is not translated`))

  if (typeof body.n === 'number' && body.n > 1)
    warnings.push(unsupported(LABEL, 'n', 'it returns one choice; one was asked for'))

  for (const f of NATIVE_FIELDS)
    if (body[f] !== undefined && !(f === 'thinking' && nativeThinkingDropped)) out[f] = body[f]
  // What this model rejects (per the catalog) is left out or mapped, and reported.
  nativeThinking(ctx.model, caps, out, warnings)
  dropRejected(ctx.model, caps, out, warnings)
  samplingRules(ctx.model, caps, out, warnings)
  for (const [k, v] of Object.entries(body)) {
    if (
      HANDLED_EVERYWHERE.has(k) ||
      k === 'reasoning' ||
      k === 'service_tier' ||
      (NATIVE_FIELDS as readonly string[]).includes(k)
    )
      continue
    if (asksForSomething(k, v)) warnings.push(unsupported(LABEL, k))
  }
  return answer ? { body: out, warnings, answerTool: answer.name } : { body: out, warnings }
}
