/**
 * An OpenAI chat request as the body of Gemini's `generateContent` / `streamGenerateContent`, with a
 * warning for every setting Gemini cannot honour. One-to-one renames into `generationConfig` are a table.
 */
import type { ChatRequest } from '../../../shared/openai'
import { asksForSomething, HANDLED_EVERYWHERE, requestedMaxTokens, stopList, unsupported } from '../translate'
import type { AdapterContext, Warning } from '../types'
import { modelCaps } from '../catalog'
import { convertPrompt, type Part } from './convert-prompt'
import { thinkingConfig } from './thinking'

const LABEL = 'Gemini'

/** OpenAI request field -> `generationConfig` field, where the value passes as is. */
const GENERATION_RENAMES: ReadonlyArray<readonly [string, string]> = [
  ['temperature', 'temperature'],
  ['top_p', 'topP'],
  ['top_k', 'topK'],
  ['seed', 'seed'],
]
/** Sent only to the models whose catalog caps say `penalties` (Gemini 2.0); a 400 on every later model. */
const PENALTIES: ReadonlyArray<readonly [string, string]> = [
  ['presence_penalty', 'presencePenalty'],
  ['frequency_penalty', 'frequencyPenalty'],
]
const RENAMED = new Set([...GENERATION_RENAMES, ...PENALTIES].map(([from]) => from))
/** Read below (`responseLogprobs` / `logprobs`). */
const LOGPROBS = new Set(['logprobs', 'top_logprobs'])

/** Gemini-only request fields a client may send through us; passed on untouched. */
const NATIVE_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['safetySettings', 'safetySettings'],
  ['safety_settings', 'safetySettings'],
  ['cachedContent', 'cachedContent'],
  ['cached_content', 'cachedContent'],
]
const NATIVE = new Set(NATIVE_FIELDS.map(([from]) => from))

/** A JSON Schema as Gemini's `parametersJsonSchema` / `responseJsonSchema` take it (meta-schema tag removed). */
function jsonSchema(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || !('$schema' in schema)) return schema
  const { $schema: _drop, ...rest } = schema as Record<string, unknown>
  return rest
}

function toolConfig(body: ChatRequest, warnings: Warning[]): Record<string, unknown> | undefined {
  const choice = body.tool_choice
  if (choice === undefined || choice === null) return undefined
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } }
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } }
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } }
  const name = (choice as { function?: { name?: unknown } }).function?.name
  if (typeof name === 'string')
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } }
  warnings.push(unsupported(LABEL, 'tool_choice', 'this form is not translated'))
  return undefined
}

export function convertRequest(
  ctx: AdapterContext,
  body: ChatRequest,
): { body: Record<string, unknown>; warnings: Warning[] } {
  const warnings: Warning[] = []
  const prompt = convertPrompt(body.messages, warnings, ctx.model)
  const out: Record<string, unknown> = { contents: prompt.contents }
  if (prompt.systemInstruction) out.systemInstruction = prompt.systemInstruction

  if (Array.isArray(body.tools) && body.tools.length) {
    const declarations: Part[] = []
    body.tools.forEach((tool, i) => {
      if (tool.type !== 'function' || !tool.function) {
        warnings.push(
          unsupported(LABEL, `tools[${i}]`, `only function tools are translated (got '${tool.type}')`),
        )
        return
      }
      const f = tool.function
      // `description` is REQUIRED in Gemini's FunctionDeclaration; an empty one is what proto3 JSON reads as unset.
      const d: Part = { name: f.name, description: f.description ?? '' }
      // Gemini's field for full JSON Schema (anyOf, $ref, additionalProperties, ...), not the OpenAPI subset.
      if (f.parameters !== undefined) d.parametersJsonSchema = jsonSchema(f.parameters)
      if (f.strict === true)
        warnings.push(
          unsupported(LABEL, `tools[${i}].function.strict`, 'the schema is sent but not enforced strictly'),
        )
      declarations.push(d)
    })
    if (declarations.length) out.tools = [{ functionDeclarations: declarations }]
  }
  const tc = toolConfig(body, warnings)
  if (tc) out.toolConfig = tc
  if (body.parallel_tool_calls === false && body.tools?.length)
    warnings.push(unsupported(LABEL, 'parallel_tool_calls', 'it cannot be turned off'))

  const gen: Record<string, unknown> = {}
  for (const [from, to] of GENERATION_RENAMES) {
    const v = body[from]
    if (v !== undefined && v !== null) gen[to] = v
  }
  const caps = modelCaps(ctx.provider.id, ctx.model.replace(/^models\//, ''), ctx.provider.preset.id)
  for (const [from, to] of PENALTIES) {
    const v = body[from]
    if (caps?.penalties === true) {
      if (v !== undefined && v !== null) gen[to] = v
    } else if (asksForSomething(from, v))
      warnings.push({
        code: 'unsupported_param',
        param: from,
        message: `${ctx.model} does not accept ${from} (Gemini answers it with a 400, "Penalty is not enabled for this model"); it was not sent`,
      })
  }
  const max = requestedMaxTokens(body)
  if (max) gen.maxOutputTokens = max
  const stops = stopList(body.stop)
  if (stops) gen.stopSequences = stops
  if (typeof body.n === 'number' && body.n > 1) {
    const most = caps?.maxCandidates ?? Infinity
    if (most > 1) gen.candidateCount = Math.min(body.n, most)
    if (body.n > most)
      warnings.push({
        code: most > 1 ? 'param_clamped' : 'unsupported_param',
        param: 'n',
        message: `${ctx.model} returns at most ${most} choice${most > 1 ? 's' : ''} (Gemini answers a larger candidateCount with a 400, "Multiple candidates is not enabled for this model"); ${most} ${most > 1 ? 'were' : 'was'} asked for instead of ${body.n}`,
      })
  }
  // logprobs -> responseLogprobs; top_logprobs -> logprobs, "only valid if responseLogprobs=True" (v1beta proto).
  // Only where the catalog says the model takes them: a 400 on the others ("Logprobs is not enabled for ...").
  if (body.logprobs === true && caps?.logprobs !== true)
    warnings.push({
      code: 'unsupported_param',
      param: 'logprobs',
      message: `${ctx.model} does not return logprobs (Gemini answers responseLogprobs with a 400, "Logprobs is not enabled for this model"); logprobs${body.top_logprobs ? ' and top_logprobs were' : ' was'} not sent`,
    })
  else if (body.logprobs === true) {
    gen.responseLogprobs = true
    if (typeof body.top_logprobs === 'number' && body.top_logprobs > 0) gen.logprobs = body.top_logprobs
  } else if (typeof body.top_logprobs === 'number' && body.top_logprobs > 0)
    warnings.push(unsupported(LABEL, 'top_logprobs', 'it needs logprobs: true; it was not sent'))
  const rf = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined
  if (rf?.type === 'json_schema' && rf.json_schema?.schema) {
    gen.responseMimeType = 'application/json'
    gen.responseJsonSchema = jsonSchema(rf.json_schema.schema)
  } else if (rf?.type === 'json_object') gen.responseMimeType = 'application/json'
  else if (rf && rf.type !== 'text')
    warnings.push(unsupported(LABEL, 'response_format', `type '${String(rf.type)}' is not translated`))
  const thinking = thinkingConfig(ctx.model, caps, body, warnings)
  if (thinking) gen.thinkingConfig = thinking
  if (Object.keys(gen).length) out.generationConfig = gen

  for (const [from, to] of NATIVE_FIELDS) if (body[from] !== undefined) out[to] = body[from]
  if (typeof body.user === 'string' && body.user) warnings.push(unsupported(LABEL, 'user'))
  for (const [k, v] of Object.entries(body)) {
    if (HANDLED_EVERYWHERE.has(k) || RENAMED.has(k) || NATIVE.has(k) || LOGPROBS.has(k) || k === 'reasoning')
      continue
    if (asksForSomething(k, v)) warnings.push(unsupported(LABEL, k))
  }
  return { body: out, warnings }
}
