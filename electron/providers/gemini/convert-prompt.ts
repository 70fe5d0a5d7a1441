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
): { byCall: Map<string, string>; text: string | undefined } {
  const byCall = new Map<string, string>()
  let text: string | undefined
  if (!Array.isArray(details)) return { byCall, text }
  let foreign = false
  for (const raw of details as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue
    const d = raw as { type?: string; data?: unknown; id?: unknown; format?: unknown }
    if (typeof d.format === 'string' && d.format !== SIGNATURE_FORMAT) foreign = true
    if (d.type !== 'reasoning.encrypted' || d.format !== SIGNATURE_FORMAT || typeof d.data !== 'string')
      continue
    if (typeof d.id === 'string' && d.id) byCall.set(d.id, d.data)
    else text ??= d.data
  }
  if (foreign)
    warnings.push({
      code: 'param_mapped',
      param: where,
      message: `${where}: reasoning from another provider cannot be sent to Gemini; it was left out`,
    })
  return { byCall, text }
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

/**
 * Parts we returned under `gemini_parts` (code execution, ...), sent back as they came, in their order,
 * before the turn's text (whose parts were merged into one).
 */
function keptParts(kept: unknown, where: string, warnings: Warning[]): Part[] {
  if (kept === undefined || kept === null) return []
  const entries = (Array.isArray(kept) ? kept : [null]) as Array<{ index?: unknown; part?: unknown }>
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
  return ok.sort((x, y) => (x.index as number) - (y.index as number)).map((k) => ({ ...(k.part as Part) }))
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
        const parts: Part[] = keptParts(m.gemini_parts, where, warnings)
        const text = contentText(m.content)
        if (text) parts.push({ text })
        const w = textOnlyWarning('Gemini', where, 'an assistant turn sent back', nonTextParts(m.content))
        if (w) warnings.push(w)
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
        const textPart = parts.find((p) => typeof p.text === 'string') ?? parts[0]
        if (textSig && textPart && textPart.thoughtSignature === undefined)
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
