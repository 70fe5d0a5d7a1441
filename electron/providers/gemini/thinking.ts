/**
 * OpenAI's `reasoning_effort` and OpenRouter's `reasoning` as Gemini's `generationConfig.thinkingConfig`,
 * within the model's rules from the catalog (`ModelCaps.thinkingLevels`, `thinkingBudget`,
 * `thinkingConfig`): a level or budget the model would reject with a 400 is mapped or clamped to one it
 * takes and reported. A model with no rules (not in the catalog, no family match) gets the general
 * tables: a budget before Gemini 3, a level after.
 */
import type { ChatRequest } from '../../../shared/openai'
import { GEMINI_THINKING_LEVELS, type GeminiThinkingLevel, type ModelCaps } from '../catalog'
import { unsupported } from '../translate'
import type { Warning } from '../types'
import { beforeGemini3 } from './convert-prompt'

const LABEL = 'Gemini'

/** `reasoning_effort` as a thinking budget (Gemini 2.x) or a thinking level (later models). */
export const EFFORT_BUDGET: Readonly<Record<string, number>> = {
  none: 0,
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
}
export const EFFORT_LEVEL: Readonly<Record<string, GeminiThinkingLevel>> = {
  none: 'MINIMAL',
  minimal: 'MINIMAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  xhigh: 'HIGH',
}

/** What the client asked for: an effort, or (OpenRouter's `reasoning.max_tokens`) a budget. */
interface Asked {
  param: 'reasoning' | 'reasoning_effort'
  effort?: string
  budget?: number
  include: boolean
}

function asked(body: ChatRequest): Asked | undefined {
  const reasoning = body.reasoning as
    { effort?: unknown; max_tokens?: unknown; enabled?: unknown; exclude?: unknown } | undefined
  const r = reasoning && typeof reasoning === 'object' ? reasoning : undefined
  const exclude = r?.exclude === true
  if (typeof r?.max_tokens === 'number')
    return { param: 'reasoning', budget: r.max_tokens, include: !exclude }
  let effort: string | undefined
  let param: Asked['param'] = 'reasoning'
  if (r?.enabled === false) effort = 'none'
  else if (typeof r?.effort === 'string') effort = r.effort
  if (effort === undefined) {
    param = 'reasoning_effort'
    if (typeof body.reasoning_effort === 'string') effort = body.reasoning_effort
    else if (r?.enabled === true) [effort, param] = ['medium', 'reasoning']
  }
  if (effort === undefined) return undefined
  return { param, effort, include: effort !== 'none' && !exclude }
}

/** The level the model takes nearest to the one asked for; on a tie, the one with more thinking. */
export function nearestLevel(
  levels: readonly GeminiThinkingLevel[],
  wanted: GeminiThinkingLevel,
): GeminiThinkingLevel {
  const at = GEMINI_THINKING_LEVELS.indexOf(wanted)
  let best = levels[0]!
  for (const l of levels) {
    const d = Math.abs(GEMINI_THINKING_LEVELS.indexOf(l) - at)
    const bestD = Math.abs(GEMINI_THINKING_LEVELS.indexOf(best) - at)
    if (
      d < bestD ||
      (d === bestD && GEMINI_THINKING_LEVELS.indexOf(l) > GEMINI_THINKING_LEVELS.indexOf(best))
    )
      best = l
  }
  return best
}

/** The effort whose budget (EFFORT_BUDGET) is the largest not above `budget`; 'none' for 0. */
function effortForBudget(budget: number): string {
  if (budget === 0) return 'none'
  let effort = 'minimal'
  for (const [e, b] of Object.entries(EFFORT_BUDGET)) if (e !== 'none' && b <= budget) effort = e
  return effort
}

/**
 * A model that takes levels. A budget is sent as a level too: Google's docs accept `thinkingBudget` on
 * Gemini 3 only "for backwards compatibility" and warn of unexpected performance with it
 * (https://vercel.com/docs/ai-gateway/capabilities/reasoning/google quotes the same guidance).
 */
function levelConfig(
  model: string,
  levels: readonly GeminiThinkingLevel[],
  a: Asked,
  warnings: Warning[],
): Record<string, unknown> {
  // -1 is dynamic thinking: on these models that is what leaving the level unset does.
  if (a.budget === -1) return { includeThoughts: a.include }
  const effort = a.effort ?? effortForBudget(a.budget!)
  const wanted = EFFORT_LEVEL[effort]!
  const sent = nearestLevel(levels, wanted)
  const takes = `${model} takes thinkingLevel ${levels.join(', ')}`
  if (effort === 'none')
    warnings.push({
      code: 'param_clamped',
      param: a.param,
      message: `${model} cannot turn thinking off (no Gemini thinking level does); it was sent with its lowest thinking level, '${sent}'`,
    })
  else if (a.budget !== undefined)
    warnings.push({
      code: 'param_mapped',
      param: a.param,
      message: `${takes}, not a budget: reasoning.max_tokens ${a.budget} was sent as thinkingLevel '${sent}'`,
    })
  else if (sent !== effort.toUpperCase())
    warnings.push({
      code: sent === wanted ? 'param_mapped' : 'param_clamped',
      param: a.param,
      message: `${takes}; ${a.param === 'reasoning' ? 'reasoning.effort' : 'reasoning_effort'} '${effort}' was sent as thinkingLevel '${sent}'`,
    })
  return { thinkingLevel: sent, includeThoughts: a.include }
}

function budgetConfig(
  model: string,
  range: NonNullable<ModelCaps['thinkingBudget']>,
  a: Asked,
  warnings: Warning[],
): Record<string, unknown> {
  const budget = a.budget ?? EFFORT_BUDGET[a.effort!]!
  const what =
    a.budget !== undefined
      ? `reasoning.max_tokens ${budget}`
      : `${a.param === 'reasoning' ? 'reasoning.effort' : 'reasoning_effort'} '${a.effort}' (a budget of ${budget})`
  let sent = budget
  if (budget === 0 && !range.canDisable) {
    sent = range.min
    warnings.push({
      code: 'param_clamped',
      param: a.param,
      message: `${model} cannot turn thinking off (Gemini rejects thinkingBudget 0 for it with a 400); it was sent with its lowest budget, ${sent}`,
    })
  } else if (budget !== -1 && budget !== 0) {
    sent = Math.min(Math.max(budget, range.min), range.max)
    if (sent !== budget)
      warnings.push({
        code: 'param_clamped',
        param: a.param,
        message: `${model} takes a thinkingBudget of ${range.min} to ${range.max} tokens${range.canDisable ? ' (or 0, off)' : ''}; ${what} was sent as ${sent}`,
      })
  }
  return { thinkingBudget: sent, includeThoughts: a.include }
}

/** The `thinkingConfig` to send, or undefined when none should be (with a warning where one was asked for). */
export function thinkingConfig(
  model: string,
  caps: ModelCaps | undefined,
  body: ChatRequest,
  warnings: Warning[],
): Record<string, unknown> | undefined {
  const a = asked(body)
  if (!a) return undefined
  if (a.effort !== undefined && EFFORT_BUDGET[a.effort] === undefined) {
    warnings.push(unsupported(LABEL, a.param, `'${a.effort}' is not a known effort`))
    return undefined
  }
  if (caps?.thinkingConfig === false) {
    // Thinking off on a model that never thinks: honoured by sending nothing.
    if (a.effort !== 'none' && a.budget !== 0)
      warnings.push({
        code: 'unsupported_param',
        param: a.param,
        message: `${model} has no thinking (Gemini rejects a thinkingConfig for it with a 400); ${a.param} was not sent`,
      })
    return undefined
  }
  if (caps?.thinkingLevels?.length) return levelConfig(model, caps.thinkingLevels, a, warnings)
  if (caps?.thinkingBudget) return budgetConfig(model, caps.thinkingBudget, a, warnings)
  // A model without rules: as asked, in the form its generation takes.
  if (a.budget !== undefined) return { thinkingBudget: a.budget, includeThoughts: a.include }
  return beforeGemini3(model)
    ? { thinkingBudget: EFFORT_BUDGET[a.effort!], includeThoughts: a.include }
    : { thinkingLevel: EFFORT_LEVEL[a.effort!], includeThoughts: a.include }
}
