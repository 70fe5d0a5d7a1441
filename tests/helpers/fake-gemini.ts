/**
 * A fake Gemini API on loopback that speaks the real protocol (ai.google.dev/api): `POST
 * /v1beta/models/{model}:generateContent` (JSON) and `:streamGenerateContent?alt=sse` (SSE),
 * `GET /v1beta/models`, `x-goog-api-key` required. The model name picks the behaviour:
 *   fixture-<case>   replays tests/fixtures/providers/gemini/<case>.{response.json,chunks.txt}
 *   sse-<case>       replays <case>.chunks.txt as SSE also to :generateContent (no stream asked for)
 *   fail-<status>    answers with the recorded error body for 400/401/403/404/429 (RetryInfo)/503
 *   end-early        streams one chunk, then ends without a finishReason
 *   error-event      streams one chunk, then `data: {"error":{...}}`
 *   anything else    echoes "You said: <last user text>" (or `fixedAnswer`), streamed word by word
 * and `POST /v1beta/models/{model}:batchEmbedContents`: one vector per request, `outputDimensionality`
 * long (default 8), from the text (value i = (char code of text[i % length] + i) / 1000), or fail-<status>.
 * Thinking is checked by model id as the real API answers it (a 400 INVALID_ARGUMENT; see thinkingError below):
 * a thinkingLevel the model does not take, a thinkingBudget outside its range, 0 where thinking cannot be
 * turned off, and any thinkingConfig on Gemini 2.0 (no thinking).
 */
import type { ServerResponse } from 'node:http'
import { fixture, fixtureText } from './provider-fixtures'
import { type FakeServer, replaySse, sendJson, startFakeServer } from './fake-upstream'

export const FAKE_GEMINI_KEY = 'AIzaFakeGeminiKey0123456789abcdefghij'

export interface FakeGeminiOptions {
  fixedAnswer?: string
  record?: boolean
  chunkDelayMs?: number
  /** More model ids listed by `GET /v1beta/models` after the recorded ones (e.g. `fixture-thinking`, so a picker offers them). */
  extraModels?: string[]
}

function lastUserText(body: Record<string, unknown>): string {
  const contents = (body.contents ?? []) as Array<{ role: string; parts: Array<{ text?: string }> }>
  for (let i = contents.length - 1; i >= 0; i--) {
    const c = contents[i]!
    if (c.role === 'user')
      return c.parts
        .filter((p) => typeof p.text === 'string')
        .map((p) => p.text)
        .join(' ')
  }
  return ''
}

/** The fake vector for a text (see the header comment), so tests can compute what they expect. */
export function fakeEmbedding(text: string, dims = 8): number[] {
  return Array.from({ length: dims }, (_, i) => (text.charCodeAt(i % text.length) + i) / 1000)
}

function embed(
  res: ServerResponse,
  model: string,
  body: Record<string, unknown>,
  errors: Record<string, { headers: Record<string, string>; body: unknown }>,
): void {
  const fail = /^fail-(\d{3})$/.exec(model)
  if (fail) {
    const e = errors[fail[1]!]!
    return sendJson(res, Number(fail[1]), e.body, e.headers)
  }
  const requests = body.requests as
    | Array<{ model?: string; content?: { parts?: Array<{ text?: string }> }; outputDimensionality?: number }>
    | undefined
  // As Gemini: every request names the model of the URL.
  if (!Array.isArray(requests) || requests.some((r) => r.model !== `models/${model}`))
    return sendJson(res, 400, {
      error: { code: 400, message: 'requests[].model must match the URL', status: 'INVALID_ARGUMENT' },
    })
  sendJson(res, 200, {
    embeddings: requests.map((r) => ({
      values: fakeEmbedding(r.content?.parts?.[0]?.text ?? '', r.outputDimensionality ?? 8),
    })),
  })
}

const ALL_LEVELS = ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']
/** Thinking levels per model family (ai.google.dev/gemini-api/docs/thinking; Gemini 3 Pro: LOW, HIGH). */
const LEVELS: Array<[RegExp, string[]]> = [
  [/^gemini-3-pro/, ['LOW', 'HIGH']],
  [/^gemini-3\.1-pro/, ['LOW', 'MEDIUM', 'HIGH']],
  [/^gemini-(?:[3-9]|\d{2,})(?:\.\d+)?-flash/, ALL_LEVELS],
]
/** Thinking budgets per model family ("Set budgets" on the same page): [min, max, 0 turns it off]. */
const BUDGETS: Array<[RegExp, number, number, boolean]> = [
  [/^gemini-2\.5-pro/, 128, 32768, false],
  [/^gemini-2\.5-flash-lite/, 512, 24576, true],
  [/^gemini-2\.5-flash/, 1, 24576, true],
]

/**
 * The message of the 400 Gemini answers this thinkingConfig with, if any. Messages as users got them
 * from the API (github.com/googleapis/js-genai/issues/681, snailyp/gemini-balance/issues/206,
 * RooCodeInc/Roo-Code/issues/4399); a level the model does not take is our wording (none published).
 */
function thinkingError(model: string, body: Record<string, unknown>): string | undefined {
  const tc = (body.generationConfig as { thinkingConfig?: Record<string, unknown> } | undefined)
    ?.thinkingConfig
  if (!tc) return undefined
  if (/^gemini-2\.0-/.test(model))
    return 'Unable to submit request because thinking is not supported by this model.'
  const level = typeof tc.thinkingLevel === 'string' ? tc.thinkingLevel.toUpperCase() : undefined
  const levels = LEVELS.find(([re]) => re.test(model))?.[1]
  if (level !== undefined && /^gemini-[12]\./.test(model))
    return 'Thinking level is not supported for this model.'
  if (level !== undefined && levels && !levels.includes(level))
    return `Thinking level ${level} is not supported for this model. Supported levels: ${levels.join(', ')}.`
  const budget = tc.thinkingBudget
  const range = BUDGETS.find(([re]) => re.test(model))
  if (typeof budget !== 'number' || !range || budget === -1) return undefined
  if (budget === 0)
    return range[3] ? undefined : 'Budget 0 is invalid. This model only works in thinking mode.'
  if (budget < range[1] || budget > range[2]) return `The thinking budget (${budget}) is invalid.`
  return undefined
}

export async function startFakeGemini(opts: FakeGeminiOptions = {}): Promise<FakeServer> {
  const errors = fixture<Record<string, { headers: Record<string, string>; body: unknown }>>(
    'gemini',
    'errors.json',
  )
  return startFakeServer(async (req, res, body) => {
    const [path, query = ''] = (req.url ?? '').split('?')
    if (req.headers['x-goog-api-key'] !== FAKE_GEMINI_KEY) return sendJson(res, 400, errors['400']!.body)
    if (req.method === 'GET' && path === '/v1beta/models') {
      const list = fixture<{ models: Array<Record<string, unknown>> }>('gemini', 'models.response.json')
      for (const id of opts.extraModels ?? [])
        list.models.push({
          name: `models/${id}`,
          displayName: id,
          inputTokenLimit: 1048576,
          outputTokenLimit: 65536,
          supportedGenerationMethods: ['generateContent', 'countTokens'],
        })
      return sendJson(res, 200, list)
    }
    const emb = /^\/v1beta\/models\/([^:]+):batchEmbedContents$/.exec(path ?? '')
    if (req.method === 'POST' && emb) return embed(res, decodeURIComponent(emb[1]!), body, errors)
    const m = /^\/v1beta\/models\/([^:]+):(generateContent|streamGenerateContent)$/.exec(path ?? '')
    if (!(req.method === 'POST' && m))
      return sendJson(res, 404, { error: { code: 404, message: `no route ${path}`, status: 'NOT_FOUND' } })
    const model = decodeURIComponent(m[1]!)
    const stream = m[2] === 'streamGenerateContent'
    if (stream && !query.includes('alt=sse'))
      return sendJson(res, 400, {
        error: { code: 400, message: 'this fake streams SSE only (alt=sse)', status: 'INVALID_ARGUMENT' },
      })
    const fail = /^fail-(\d{3})$/.exec(model)
    if (fail) {
      const e = errors[fail[1]!]!
      return sendJson(res, Number(fail[1]), e.body, e.headers)
    }
    const rejected = thinkingError(model, body)
    if (rejected)
      return sendJson(res, 400, { error: { code: 400, message: rejected, status: 'INVALID_ARGUMENT' } })
    const sse = /^sse-(.+)$/.exec(model)
    if (sse) return replaySse(res, fixtureText('gemini', `${sse[1]}.chunks.txt`), opts.chunkDelayMs)
    const fx = /^fixture-(.+)$/.exec(model)
    if (fx) {
      if (stream) return replaySse(res, fixtureText('gemini', `${fx[1]}.chunks.txt`), opts.chunkDelayMs)
      return sendJson(res, 200, fixture('gemini', `${fx[1]}.response.json`))
    }
    const answer = opts.fixedAnswer ?? `You said: ${lastUserText(body)}`
    const usage = { promptTokenCount: 11, candidatesTokenCount: 7, totalTokenCount: 18 }
    const frame = (parts: unknown[], finish?: string) => ({
      candidates: [
        { content: { parts, role: 'model' }, index: 0, ...(finish ? { finishReason: finish } : {}) },
      ],
      ...(finish ? { usageMetadata: usage } : {}),
      modelVersion: model,
      responseId: 'fakeResponse01',
    })
    if (!stream) return sendJson(res, 200, frame([{ text: answer }], 'STOP'))
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    const words = answer.split(/(?<= )/)
    const data = (v: unknown) => `data: ${JSON.stringify(v)}\r\n\r\n`
    if (model === 'end-early') return void res.end(data(frame([{ text: words[0] }])))
    if (model === 'error-event') {
      res.write(data(frame([{ text: words[0] }])))
      return void res.end(
        data({
          error: {
            code: 503,
            message: 'The model is overloaded. Please try again later.',
            status: 'UNAVAILABLE',
          },
        }),
      )
    }
    for (let i = 0; i < words.length; i++) {
      if (res.destroyed) return
      res.write(data(frame([{ text: words[i] }], i === words.length - 1 ? 'STOP' : undefined)))
      if (opts.chunkDelayMs) await new Promise((r) => setTimeout(r, opts.chunkDelayMs))
    }
    res.end()
  }, opts)
}
