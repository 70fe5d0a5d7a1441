/**
 * Reading Gemini response parts, shared by the JSON and the stream translations: text, thoughts,
 * function calls (with the id Gemini gave or one we make), and thought signatures kept as
 * OpenRouter-style `reasoning_details` so a tool loop can send them back.
 */
import { randomBytes } from 'node:crypto'
import type { ToolCall } from '../../../shared/openai'

export const SIGNATURE_FORMAT = 'google-gemini-v1'
/** Ids we make for calls Gemini sent without one; they are not sent back to Gemini as ids. */
export const LOCAL_ID_PREFIX = 'call_lr'

export interface GeminiPart {
  text?: string
  thought?: boolean
  thoughtSignature?: string
  functionCall?: { id?: string; name?: string; args?: unknown }
  [k: string]: unknown
}

export interface SignatureDetail {
  type: 'reasoning.encrypted'
  data: string
  id?: string
  format: typeof SIGNATURE_FORMAT
  index: number
}

export function localCallId(): string {
  return `${LOCAL_ID_PREFIX}${randomBytes(9).toString('base64url')}`
}

/**
 * A function call's thought signature in the shape Google's own OpenAI-compatible endpoint uses on
 * `tool_calls[]` (https://ai.google.dev/gemini-api/docs/openai, thought signatures; clients such as Codex
 * and RubyLLM keep it and send it back): `extra_content.google.thought_signature`.
 */
export interface GoogleExtraContent {
  extra_content?: { google?: { thought_signature?: unknown } }
}

/** The signature a client sent back on a tool call in Google's shape, if any. */
export function extraContentSignature(call: unknown): string | undefined {
  const s = (call as GoogleExtraContent | null)?.extra_content?.google?.thought_signature
  return typeof s === 'string' && s ? s : undefined
}

/** `extra_content` in Google's shape for a signature (on a tool call, a message or a streamed delta). */
export function googleExtra(signature: string): NonNullable<GoogleExtraContent['extra_content']> {
  return { google: { thought_signature: signature } }
}

/** The call as an OpenAI tool call, its signature also under `extra_content` (Google's shape). */
export function toolCallOf(part: GeminiPart): ToolCall & GoogleExtraContent {
  const call = part.functionCall!
  const out: ToolCall & GoogleExtraContent = {
    id: typeof call.id === 'string' && call.id ? call.id : localCallId(),
    type: 'function',
    function: { name: String(call.name ?? ''), arguments: JSON.stringify(call.args ?? {}) },
  }
  if (typeof part.thoughtSignature === 'string' && part.thoughtSignature)
    out.extra_content = googleExtra(part.thoughtSignature)
  return out
}

export function signatureDetail(signature: string, index: number, id?: string): SignatureDetail {
  const d: SignatureDetail = { type: 'reasoning.encrypted', data: signature, format: SIGNATURE_FORMAT, index }
  if (id) d.id = id
  return d
}
