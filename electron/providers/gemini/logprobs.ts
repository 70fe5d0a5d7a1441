/**
 * Gemini's `logprobsResult` on a candidate (@google/genai `LogprobsResult`: `chosenCandidates[]` and
 * `topCandidates[].candidates[]`, each `{token, tokenId, logProbability}`, one entry per decoding step;
 * https://ai.google.dev/api/generate-content#LogprobsResult) as OpenAI's choice `logprobs`
 * (`{content: [{token, logprob, bytes, top_logprobs}], refusal: null}`, `bytes` the token's UTF-8 bytes).
 * Only built when the candidate carries one, which it does only when the request asked for logprobs.
 */

interface GeminiLogprob {
  token?: string
  logProbability?: number
}

export interface GeminiLogprobsResult {
  chosenCandidates?: GeminiLogprob[]
  topCandidates?: Array<{ candidates?: GeminiLogprob[] }>
}

export interface OpenAILogprob {
  token: string
  logprob: number
  bytes: number[]
}

export interface ChoiceLogprobs {
  content: Array<OpenAILogprob & { top_logprobs: OpenAILogprob[] }>
  refusal: null
}

function entry(c: GeminiLogprob): OpenAILogprob {
  const token = typeof c.token === 'string' ? c.token : ''
  return {
    token,
    logprob: typeof c.logProbability === 'number' ? c.logProbability : 0,
    bytes: [...Buffer.from(token, 'utf8')],
  }
}

/** The OpenAI logprobs of one candidate (or one streamed event of it); null when it carries none. */
export function convertLogprobs(result: unknown): ChoiceLogprobs | null {
  if (typeof result !== 'object' || result === null) return null
  const r = result as GeminiLogprobsResult
  const chosen = Array.isArray(r.chosenCandidates) ? r.chosenCandidates : []
  const top = Array.isArray(r.topCandidates) ? r.topCandidates : []
  return {
    content: chosen.map((c, i) => {
      const alternatives = top[i]?.candidates
      return { ...entry(c), top_logprobs: Array.isArray(alternatives) ? alternatives.map(entry) : [] }
    }),
    refusal: null,
  }
}
