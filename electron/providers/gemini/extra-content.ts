/**
 * Gemini response content that OpenAI's chat format has no field for, kept instead of dropped (the
 * same pattern as anthropic/extra-content.ts):
 * - `groundingMetadata` (Google Search / Maps grounding): every grounding chunk with a web URI becomes
 *   an OpenAI `url_citation` annotation over the answer text its `groundingSupports` point at (the
 *   whole answer when no support points at it); `citationMetadata` sources with a URI likewise;
 * - the metadata itself, as sent, under `gemini_grounding_metadata`, `gemini_citation_metadata`,
 *   `gemini_url_context_metadata`, `gemini_grounding_attributions`, and, when a candidate was stopped by
 *   a filter, `gemini_safety_ratings` and `gemini_finish_message`;
 * - a finish reason OpenAI has no value for (MALFORMED_FUNCTION_CALL, TOO_MANY_TOOL_CALLS, ...): the
 *   answer ends with `stop` / `tool_calls`, the reason and `finishMessage` kept under
 *   `gemini_finish_reason` and `gemini_finish_message`;
 * - a prompt blocked by `promptFeedback.blockReason`: an answer with `finish_reason: "content_filter"`
 *   and a `refusal` saying why, the feedback as sent under `gemini_prompt_feedback`;
 * - each kept field is listed in `localrouter_warnings` (on the completion, or on the stream chunk that
 *   carries it), which the router logs.
 * Annotation offsets count UTF-16 code units of the message's `content`; Gemini's segment offsets are
 * UTF-8 bytes, so a segment is found by its text where it can be, by converted offsets otherwise.
 */

/** OpenAI's annotation for a cited web page (chat completions `message.annotations`). */
export interface UrlCitation {
  type: 'url_citation'
  url_citation: { url: string; title: string; start_index: number; end_index: number }
}

export interface ResponseWarning {
  code: 'unmapped_content'
  /** The Gemini field. */
  type: string
  message: string
}

interface Segment {
  partIndex?: number
  startIndex?: number
  endIndex?: number
  text?: string
}
interface GroundingMetadata {
  groundingChunks?: Array<{ web?: { uri?: string; title?: string } }>
  groundingSupports?: Array<{ segment?: Segment; groundingChunkIndices?: number[] }>
}
interface CitationMetadata {
  citationSources?: Array<{ startIndex?: number; endIndex?: number; uri?: string }>
}

/** Candidate field -> the vendor field it is kept under. */
const KEPT: ReadonlyArray<readonly [string, string]> = [
  ['groundingMetadata', 'gemini_grounding_metadata'],
  ['citationMetadata', 'gemini_citation_metadata'],
  ['urlContextMetadata', 'gemini_url_context_metadata'],
  ['groundingAttributions', 'gemini_grounding_attributions'],
]
/** Kept only when the candidate was stopped by a filter (otherwise they say nothing the answer does not). */
const KEPT_WHEN_FILTERED: ReadonlyArray<readonly [string, string]> = [
  ['safetyRatings', 'gemini_safety_ratings'],
  ['finishMessage', 'gemini_finish_message'],
]

/**
 * Finish reasons with a plain OpenAI value. Any other (MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL,
 * TOO_MANY_TOOL_CALLS, LANGUAGE, OTHER, NO_IMAGE, ... in `@google/genai`'s `FinishReason`) ends the answer
 * with `stop` (or `tool_calls`), often with no content: the reason and Gemini's `finishMessage` are kept.
 */
const PLAIN_FINISH: ReadonlySet<string> = new Set(['STOP', 'MAX_TOKENS', 'FINISH_REASON_UNSPECIFIED'])

export interface CandidateExtras {
  annotations: UrlCitation[]
  /** Vendor fields for the message (or the stream delta). */
  fields: Record<string, unknown>
  warnings: ResponseWarning[]
}

function warning(field: string, where: string, annotated: boolean): ResponseWarning {
  return {
    code: 'unmapped_content',
    type: field,
    message: `Gemini sent ${field}, which OpenAI's format has no field for; it is in ${where}${
      annotated ? ' (its web sources are also in annotations)' : ''
    }`,
  }
}

/** UTF-8 byte offset within `text` -> UTF-16 offset. */
function fromBytes(text: string, bytes: number): number {
  return Buffer.from(text, 'utf8').subarray(0, Math.max(0, bytes)).toString('utf8').length
}

/**
 * The [start, end) range of `content` a segment covers. `partStarts` gives where each text part of the
 * candidate begins in `content` (non-streamed answers); without it, offsets count from the start.
 */
function segmentRange(seg: Segment | undefined, content: string, partStarts?: number[]): [number, number] {
  if (!seg) return [0, content.length]
  if (typeof seg.text === 'string' && seg.text) {
    const at = content.indexOf(seg.text)
    if (at >= 0) return [at, at + seg.text.length]
  }
  const base = partStarts?.[seg.partIndex ?? 0] ?? 0
  const tail = content.slice(base)
  const start = base + fromBytes(tail, seg.startIndex ?? 0)
  const end = typeof seg.endIndex === 'number' ? base + fromBytes(tail, seg.endIndex) : content.length
  return [Math.min(start, content.length), Math.min(Math.max(end, start), content.length)]
}

function annotation(url: string, title: string, [start, end]: [number, number]): UrlCitation {
  return { type: 'url_citation', url_citation: { url, title, start_index: start, end_index: end } }
}

function groundingAnnotations(g: GroundingMetadata, content: string, partStarts?: number[]): UrlCitation[] {
  const chunks = Array.isArray(g.groundingChunks) ? g.groundingChunks : []
  const out: UrlCitation[] = []
  const used = new Set<number>()
  for (const s of Array.isArray(g.groundingSupports) ? g.groundingSupports : []) {
    const range = segmentRange(s.segment, content, partStarts)
    for (const i of Array.isArray(s.groundingChunkIndices) ? s.groundingChunkIndices : []) {
      const web = chunks[i]?.web
      if (typeof web?.uri !== 'string' || !web.uri) continue
      used.add(i)
      out.push(annotation(web.uri, typeof web.title === 'string' ? web.title : '', range))
    }
  }
  chunks.forEach((c, i) => {
    if (used.has(i) || typeof c.web?.uri !== 'string' || !c.web.uri) return
    out.push(annotation(c.web.uri, typeof c.web.title === 'string' ? c.web.title : '', [0, content.length]))
  })
  return out
}

function citationAnnotations(c: CitationMetadata, content: string): UrlCitation[] {
  const out: UrlCitation[] = []
  for (const s of Array.isArray(c.citationSources) ? c.citationSources : []) {
    if (typeof s.uri !== 'string' || !s.uri) continue
    const start = fromBytes(content, s.startIndex ?? 0)
    const end = typeof s.endIndex === 'number' ? fromBytes(content, s.endIndex) : content.length
    out.push(annotation(s.uri, '', [start, Math.max(start, end)]))
  }
  return out
}

/** What one candidate carries beyond its parts; `content` is the answer text the annotations point into. */
const NONE: CandidateExtras = Object.freeze({
  annotations: Object.freeze([]) as unknown as UrlCitation[],
  fields: Object.freeze({}),
  warnings: Object.freeze([]) as unknown as ResponseWarning[],
})

export function candidateExtras(
  candidate: Record<string, unknown>,
  content: string,
  filtered: boolean,
  partStarts?: number[],
): CandidateExtras {
  const kept = filtered ? [...KEPT, ...KEPT_WHEN_FILTERED] : KEPT
  const reason = candidate.finishReason
  const unusual = !filtered && typeof reason === 'string' && !PLAIN_FINISH.has(reason)
  // Most candidates (every streamed text event) carry none of these: nothing to build.
  if (!unusual && !kept.some(([field]) => candidate[field] !== undefined && candidate[field] !== null))
    return NONE
  const out: CandidateExtras = { annotations: [], fields: {}, warnings: [] }
  if (unusual) {
    out.fields.gemini_finish_reason = reason
    const why = typeof candidate.finishMessage === 'string' ? candidate.finishMessage : undefined
    if (why) out.fields.gemini_finish_message = why
    out.warnings.push({
      code: 'unmapped_content',
      type: 'finishReason',
      message: `Gemini ended the answer with finishReason ${reason}, which OpenAI's finish_reason has no value for; it is in gemini_finish_reason${why ? ` (Gemini's explanation in gemini_finish_message)` : ''}`,
    })
  }
  for (const [field, vendor] of kept) {
    const value = candidate[field]
    if (value === undefined || value === null) continue
    let annotated: UrlCitation[] = []
    if (field === 'groundingMetadata' && typeof value === 'object')
      annotated = groundingAnnotations(value as GroundingMetadata, content, partStarts)
    else if (field === 'citationMetadata' && typeof value === 'object')
      annotated = citationAnnotations(value as CitationMetadata, content)
    out.annotations.push(...annotated)
    out.fields[vendor] = value
    out.warnings.push(warning(field, vendor, annotated.length > 0))
  }
  return out
}

/** A prompt Gemini refused to answer (`promptFeedback.blockReason`): the refusal text and what is kept. */
export function promptBlocked(feedback: { blockReason?: string; [k: string]: unknown }): {
  refusal: string
  fields: Record<string, unknown>
  warnings: ResponseWarning[]
} {
  const reason = String(feedback.blockReason)
  return {
    refusal: `Gemini blocked the prompt (blockReason ${reason}) and gave no answer; see gemini_prompt_feedback.`,
    fields: { gemini_prompt_feedback: feedback },
    warnings: [warning('promptFeedback', 'gemini_prompt_feedback', false)],
  }
}

/** Part members that describe a part rather than carry its content (@google/genai `Part`). */
const PART_METADATA: ReadonlySet<string> = new Set([
  'thought',
  'thoughtSignature',
  'videoMetadata',
  'partMetadata',
  'mediaResolution',
])

/**
 * The content member of a response part that is neither text nor a function call (`inlineData`,
 * `executableCode`, `codeExecutionResult`, `fileData`, ... and members newer than this code), or
 * undefined for a text / function-call / signature-only part.
 */
export function otherPartKind(part: Record<string, unknown>): string | undefined {
  if (typeof part.text === 'string' || part.functionCall) return undefined
  for (const k in part) if (!PART_METADATA.has(k) && part[k] !== undefined && part[k] !== null) return k
  return undefined
}

/**
 * OpenRouter's image entry (`message.images[]`) for an `inlineData` image part; undefined for anything else.
 * Beyond OpenRouter's `type` / `image_url`, it says where the part stood (see `PartPlace`), so the image
 * goes back to Gemini in its place, with its thought signature (`reasoning_details` entry of that index).
 */
export function imageOf(
  part: Record<string, unknown>,
  index: number,
  contentOffset: number,
): ({ type: 'image_url'; image_url: { url: string } } & PartPlace) | undefined {
  const blob = part.inlineData as { mimeType?: unknown; data?: unknown } | undefined
  if (
    typeof blob?.mimeType !== 'string' ||
    !blob.mimeType.startsWith('image/') ||
    typeof blob.data !== 'string'
  )
    return undefined
  return {
    type: 'image_url',
    image_url: { url: `data:${blob.mimeType};base64,${blob.data}` },
    index,
    content_offset: contentOffset,
  }
}

/**
 * Where a part that is not text stood in the candidate: `index`, its position among the candidate's parts
 * (the `index` of its `reasoning_details` signature), and `content_offset`, how much of the message's
 * `content` (UTF-16 code units, like annotations) came before it. Sent back, text and these parts are
 * put back in that order.
 */
export interface PartPlace {
  index: number
  content_offset: number
}

/** A part kept under `gemini_parts`, as sent, with its place in the candidate. */
export interface KeptPart extends PartPlace {
  part: Record<string, unknown>
}

export function partWarning(kind: string): ResponseWarning {
  return {
    code: 'unmapped_content',
    type: kind,
    message: `Gemini sent '${kind}' content that OpenAI's format has no field for; it is in gemini_parts`,
  }
}
