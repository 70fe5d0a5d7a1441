/**
 * OpenAI `messages` -> Gemini `systemInstruction` + `contents` (user / model turns of parts). Tool
 * results become `functionResponse` parts matched back to their call by id and name; thought
 * signatures come back from `reasoning_details` onto the part they were given with.
 */
import type { ChatContentPart, ChatMessage } from '../../../shared/openai'
import {
  contentParts,
  contentText,
  namesWarning,
  nonTextParts,
  parseArguments,
  parseDataUrl,
  textOnlyWarning,
} from '../translate'
import type { Warning } from '../types'
import { extraContentSignature, LOCAL_ID_PREFIX, SIGNATURE_FORMAT } from './parts'

export type Part = Record<string, unknown>
export interface GeminiContent {
  role: 'user' | 'model'
  parts: Part[]
}

const MIME_BY_EXT: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
}

const AUDIO_MIME: Readonly<Record<string, string>> = { wav: 'audio/wav', mp3: 'audio/mp3' }

function urlPart(url: string): Part {
  const data = parseDataUrl(url)
  if (data) return { inlineData: { mimeType: data.mediaType, data: data.data } }
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? ''
  return { fileData: { mimeType: MIME_BY_EXT[ext] ?? 'image/jpeg', fileUri: url } }
}

function partOf(part: ChatContentPart, where: string, warnings: Warning[]): Part | null {
  if (part.type === 'text') return typeof part.text === 'string' && part.text ? { text: part.text } : null
  if (part.type === 'image_url') {
    const url = (part.image_url as { url?: unknown } | undefined)?.url
    if (typeof url === 'string' && url) return urlPart(url)
  }
  if (part.type === 'input_audio') {
    const a = part.input_audio as { data?: unknown; format?: unknown } | undefined
    if (typeof a?.data === 'string')
      return {
        inlineData: { mimeType: AUDIO_MIME[String(a.format)] ?? `audio/${String(a.format)}`, data: a.data },
      }
  }
  if (part.type === 'file') {
    const data =
      typeof (part.file as { file_data?: unknown })?.file_data === 'string'
        ? parseDataUrl((part.file as { file_data: string }).file_data)
        : null
    if (data) return { inlineData: { mimeType: data.mediaType, data: data.data } }
  }
  warnings.push({
    code: 'unsupported_param',
    param: where,
    message: `Gemini cannot take this '${part.type}' content part; it was not sent`,
  })
  return null
}

/** Signatures from `reasoning_details`: by tool-call id, and the one that belongs to the text. */
function signatures(
  details: unknown,
  where: string,
  warnings: Warning[],
): { byCall: Map<string, string>; byIndex: Map<number, string>; text: string | undefined } {
  const byCall = new Map<string, string>()
  /** Signatures of parts that are not calls, by their part index (images, kept parts, text). */
  const byIndex = new Map<number, string>()
  let text: string | undefined
  if (!Array.isArray(details)) return { byCall, byIndex, text }
  let foreign = false
  for (const raw of details as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue
    const d = raw as { type?: string; data?: unknown; id?: unknown; format?: unknown; index?: unknown }
    if (typeof d.format === 'string' && d.format !== SIGNATURE_FORMAT) foreign = true
    if (d.type !== 'reasoning.encrypted' || d.format !== SIGNATURE_FORMAT || typeof d.data !== 'string')
      continue
    if (typeof d.id === 'string' && d.id) byCall.set(d.id, d.data)
    else if (typeof d.index === 'number') {
      if (!byIndex.has(d.index)) byIndex.set(d.index, d.data)
    } else text ??= d.data
  }
  if (foreign)
    warnings.push({
      code: 'param_mapped',
      param: where,
      message: `${where}: reasoning from another provider cannot be sent to Gemini; it was left out`,
    })
  return { byCall, byIndex, text }
}

/** A tool's answer as the `response` object Gemini wants: a JSON object stays, anything else is `{output}`. */
function responseObject(content: ChatMessage['content']): Record<string, unknown> {
  const text = contentText(content)
  try {
    const v: unknown = JSON.parse(text)
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>
    return { output: v }
  } catch {
    return { output: text }
  }
}

/** A part of an assistant turn that is not text, with where it stood (see gemini/extra-content.ts `PartPlace`). */
interface Placed {
  part: Part
  /** Its index among the answer's parts; unknown (Infinity) for parts from clients that do not say. */
  index: number
  /** How much of the turn's text came before it; unknown (the end of the text) likewise. */
  offset: number
}

const placeOf = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback

/** Parts we returned under `gemini_parts` (code execution, ...), sent back as they came. */
function keptParts(kept: unknown, where: string, warnings: Warning[], textLength: number): Placed[] {
  if (kept === undefined || kept === null) return []
  const entries = (Array.isArray(kept) ? kept : [null]) as Array<{
    index?: unknown
    part?: unknown
    content_offset?: unknown
  }>
  const ok = entries.filter(
    (k) =>
      typeof k?.part === 'object' && k.part !== null && !Array.isArray(k.part) && typeof k.index === 'number',
  )
  if (ok.length < entries.length)
    warnings.push({
      code: 'param_mapped',
      param: `${where}.gemini_parts`,
      message: `${where}.gemini_parts: entries not shaped {"index": number, "part": {...}} were left out`,
    })
  return ok.map((k) => ({
    part: { ...(k.part as Part) },
    index: k.index as number,
    offset: placeOf(k.content_offset, textLength),
  }))
}

/**
 * OpenRouter's `images` on an assistant message (what we return for Gemini's image parts) as `inlineData`
 * parts: multi-turn image editing needs the model's own image back in its turn.
 */
function imageParts(images: unknown, where: string, warnings: Warning[], textLength: number): Placed[] {
  if (images === undefined || images === null) return []
  const out: Placed[] = []
  let bad = false
  for (const img of Array.isArray(images) ? (images as unknown[]) : [null]) {
    const e = img as {
      image_url?: { url?: unknown } | string
      index?: unknown
      content_offset?: unknown
    } | null
    const url = typeof e?.image_url === 'string' ? e.image_url : e?.image_url?.url
    if (typeof url !== 'string' || !url) {
      bad = true
      continue
    }
    out.push({
      part: urlPart(url),
      index: placeOf(e?.index, Infinity),
      offset: placeOf(e?.content_offset, textLength),
    })
  }
  if (bad)
    warnings.push({
      code: 'param_mapped',
      param: `${where}.images`,
      message: `${where}.images: entries without image_url.url were left out`,
    })
  return out
}

/**
 * An assistant turn's parts in the order Gemini gave them: the text split where the other parts stood
 * (their `content_offset`), parts at the same place by their index. Signatures found by part index go on
 * the parts they belong to: a placed part's own index, else the text between the placed parts around it.
 */
function modelTurn(
  text: string,
  placed: Placed[],
  byIndex: Map<number, string>,
): { parts: Part[]; texts: Part[] } {
  placed.sort((a, b) => a.offset - b.offset || a.index - b.index)
  const parts: Part[] = []
  /** Each text part with the index of the placed part before it (-1 at the start). */
  const texts: Array<{ part: Part; after: number }> = []
  let at = 0
  let after = -1
  const pushText = (end: number) => {
    if (end <= at) return
    const part: Part = { text: text.slice(at, end) }
    parts.push(part)
    texts.push({ part, after })
    at = end
  }
  for (const p of placed) {
    pushText(Math.min(p.offset, text.length))
    const sig = Number.isFinite(p.index) ? byIndex.get(p.index) : undefined
    if (sig !== undefined && p.part.thoughtSignature === undefined) p.part.thoughtSignature = sig
    parts.push(p.part)
    if (Number.isFinite(p.index)) after = p.index
  }
  pushText(text.length)
  const used = new Set(placed.map((p) => p.index))
  for (const [index, sig] of byIndex) {
    if (used.has(index)) continue
    let owner: Part | undefined
    for (const t of texts) if (t.after < index) owner = t.part
    owner ??= texts[0]?.part
    if (owner && owner.thoughtSignature === undefined) owner.thoughtSignature = sig
  }
  return { parts, texts: texts.map((t) => t.part) }
}

export interface ConvertedPrompt {
  systemInstruction: { parts: Part[] } | undefined
  contents: GeminiContent[]
}

/**
 * What Google documents to send on a function call whose thought signature is lost (history from another
 * model, or a client that drops `reasoning_details`): https://ai.google.dev/gemini-api/docs/thought-signatures
 * (FAQs). Gemini 3 and later answer a function call without a signature with a 400 ("Function call is
 * missing a thought_signature in functionCall parts").
 */
export const PLACEHOLDER_SIGNATURE = 'skip_thought_signature_validator'

/** Gemini 1.x and 2.x: thinking budgets, and no thought signature required on function calls. */
export function beforeGemini3(model: string): boolean {
  return /^(?:models\/)?gemini-(?:1|2)\./.test(model)
}

export function convertPrompt(messages: ChatMessage[], warnings: Warning[], model = ''): ConvertedPrompt {
  const unsigned: string[] = []
  const system: Part[] = []
  const contents: GeminiContent[] = []
  /** Tool-call id -> function name, from the assistant turns seen so far. */
  const callNames = new Map<string, string>()
  let seenConversation = false
  let movedSystem = false

  const push = (role: 'user' | 'model', parts: Part[]) => {
    if (!parts.length) return
    const last = contents[contents.length - 1]
    if (last && last.role === role) last.parts.push(...parts)
    else contents.push({ role, parts })
  }

  messages.forEach((m, i) => {
    const where = `messages[${i}]`
    switch (m.role) {
      case 'system':
      case 'developer': {
        if (seenConversation) movedSystem = true
        const text = contentText(m.content)
        if (text) system.push({ text })
        // Gemini's systemInstruction takes text only.
        const w = textOnlyWarning('Gemini', where, 'the system instruction', nonTextParts(m.content))
        if (w) warnings.push(w)
        return
      }
      case 'user': {
        seenConversation = true
        const parts: Part[] = []
        for (const p of contentParts(m.content)) {
          const part = partOf(p, `${where}.content`, warnings)
          if (part) parts.push(part)
        }
        push('user', parts)
        return
      }
      case 'assistant': {
        seenConversation = true
        const sig = signatures(m.reasoning_details, where, warnings)
        // The text, with image parts of the content in their place among it.
        let text = ''
        const placed: Placed[] = []
        for (const p of contentParts(m.content)) {
          if (p.type === 'text') text += typeof p.text === 'string' ? p.text : ''
          else {
            const part = partOf(p, `${where}.content`, warnings)
            if (part) placed.push({ part, index: Infinity, offset: text.length })
          }
        }
        placed.push(...keptParts(m.gemini_parts, where, warnings, text.length))
        placed.push(...imageParts(m.images, where, warnings, text.length))
        const turn = modelTurn(text, placed, sig.byIndex)
        const parts = turn.parts
        for (const call of m.tool_calls ?? []) {
          const name = call.function?.name ?? ''
          callNames.set(call.id, name)
          const fc: Record<string, unknown> = {
            name,
            args: parseArguments(call.function?.arguments, warnings, `${where}.tool_calls`),
          }
          if (call.id && !call.id.startsWith(LOCAL_ID_PREFIX)) fc.id = call.id
          const part: Part = { functionCall: fc }
          // Ours (reasoning_details), else Google's own OpenAI-compatible shape (extra_content).
          const s = sig.byCall.get(call.id) ?? extraContentSignature(call)
          if (s) part.thoughtSignature = s
          parts.push(part)
        }
        // The text's signature: ours (reasoning_details), else Google's shape on the message (extra_content).
        const textSig = sig.text ?? extraContentSignature(m)
        const textPart = turn.texts[0] ?? parts[0]
        if (
          textSig &&
          textPart &&
          textPart.thoughtSignature === undefined &&
          !turn.texts.some((t) => t.thoughtSignature)
        )
          textPart.thoughtSignature = textSig
        const firstCall = parts.find((p) => p.functionCall !== undefined)
        if (firstCall && firstCall.thoughtSignature === undefined && !beforeGemini3(model)) {
          firstCall.thoughtSignature = PLACEHOLDER_SIGNATURE
          unsigned.push(where)
        }
        push('model', parts)
        return
      }
      case 'tool': {
        seenConversation = true
        const id = typeof m.tool_call_id === 'string' ? m.tool_call_id : ''
        const name = callNames.get(id) ?? (typeof m.name === 'string' ? m.name : undefined)
        if (!name) {
          warnings.push({
            code: 'unsupported_param',
            param: where,
            message: `${where}: no earlier tool call has id '${id}', so Gemini cannot match this result; it was not sent`,
          })
          return
        }
        const fr: Record<string, unknown> = { name, response: responseObject(m.content) }
        if (id && !id.startsWith(LOCAL_ID_PREFIX)) fr.id = id
        push('user', [{ functionResponse: fr }])
        return
      }
      default:
        warnings.push({
          code: 'unsupported_param',
          param: where,
          message: `${where}: Gemini has no '${m.role}' role; the message was not sent`,
        })
    }
  })
  const names = namesWarning('Gemini', messages)
  if (names) warnings.push(names)
  if (movedSystem)
    warnings.push({
      code: 'param_mapped',
      param: 'messages',
      message: 'Gemini takes one system instruction: system messages after the first turn were moved to it',
    })
  if (unsigned.length)
    warnings.push({
      code: 'param_mapped',
      param: 'messages',
      message: `${unsigned.join(', ')}: tool calls without their Gemini thought signature (send the assistant message back with its reasoning_details); ${model} rejects them, so Google's documented placeholder signature was sent and the model continues without its earlier reasoning`,
    })
  return { systemInstruction: system.length ? { parts: system } : undefined, contents }
}
