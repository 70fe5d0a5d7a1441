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

export function toolCallOf(part: GeminiPart): ToolCall {
  const call = part.functionCall!
  return {
    id: typeof call.id === 'string' && call.id ? call.id : localCallId(),
    type: 'function',
    function: { name: String(call.name ?? ''), arguments: JSON.stringify(call.args ?? {}) },
  }
}

export function signatureDetail(signature: string, index: number, id?: string): SignatureDetail {
  const d: SignatureDetail = { type: 'reasoning.encrypted', data: signature, format: SIGNATURE_FORMAT, index }
  if (id) d.id = id
  return d
}
