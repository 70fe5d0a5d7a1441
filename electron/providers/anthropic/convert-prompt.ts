/**
 * OpenAI `messages` -> Anthropic `system` + `messages` (content blocks). System and developer messages
 * become the top-level `system`; tool results go back in a user turn; consecutive same-role turns merge;
 * thinking blocks (with their signatures) come back from `reasoning_details`.
 */
import type { ChatContentPart, ChatMessage } from '../../../shared/openai'
import { contentParts, namesWarning, parseArguments, parseDataUrl, textOnlyWarning } from '../translate'
import type { Warning } from '../types'

export type Block = Record<string, unknown>
export interface AnthropicTurn {
  role: 'user' | 'assistant'
  content: Block[]
}

export const THINKING_FORMAT = 'anthropic-claude-v1'

/** One entry of OpenRouter's `reasoning_details`, as clients send it back. */
export interface ReasoningDetail {
  type: 'reasoning.text' | 'reasoning.encrypted' | 'reasoning.summary' | string
  text?: string
  signature?: string | null
  data?: string
  id?: string | null
  format?: string | null
  index?: number
}

function withCache(block: Block, part: ChatContentPart): Block {
  const cache = (part as Record<string, unknown>).cache_control
  if (cache !== undefined) block.cache_control = cache
  return block
}

function imageBlock(url: string): Block {
  const data = parseDataUrl(url)
  if (data) return { type: 'image', source: { type: 'base64', media_type: data.mediaType, data: data.data } }
  return { type: 'image', source: { type: 'url', url } }
}

/** One OpenAI content part as an Anthropic block; null (with a warning) when Anthropic has no equivalent. */
function partBlock(part: ChatContentPart, where: string, warnings: Warning[]): Block | null {
  if (part.type === 'text') {
    const text = typeof part.text === 'string' ? part.text : ''
    // Anthropic rejects empty text blocks; an empty part carries nothing.
    return text ? withCache({ type: 'text', text }, part) : null
  }
  if (part.type === 'image_url') {
    const url = (part.image_url as { url?: unknown } | undefined)?.url
    if (typeof url === 'string' && url) return withCache(imageBlock(url), part)
  }
  if (part.type === 'file') {
    const file = part.file as { file_data?: unknown; filename?: unknown } | undefined
    const data = typeof file?.file_data === 'string' ? parseDataUrl(file.file_data) : null
    if (data?.mediaType === 'application/pdf') {
      const block: Block = {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: data.data },
      }
      if (typeof file?.filename === 'string') block.title = file.filename
      return withCache(block, part)
    }
    if (data?.mediaType.startsWith('text/')) {
      const text = Buffer.from(data.data, 'base64').toString('utf8')
      return withCache(
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text } },
        part,
      )
    }
  }
  warnings.push({
    code: 'unsupported_param',
    param: where,
    message: `Anthropic cannot take a '${part.type}' content part${part.type === 'file' ? ' other than a PDF or text data URL' : ''}; it was not sent`,
  })
  return null
}

/** Thinking blocks from an assistant message's `reasoning_details` (same index = one block). */
function thinkingBlocks(details: unknown, where: string, warnings: Warning[]): Block[] {
  if (!Array.isArray(details)) return []
  const byIndex = new Map<number, Block>()
  const order: Block[] = []
  let foreign = false
  let unsigned = false
  details.forEach((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null) return
    const d = raw as ReasoningDetail
    if (d.format && d.format !== THINKING_FORMAT) {
      foreign = true
      return
    }
    const key = typeof d.index === 'number' ? d.index : 1_000_000 + i
    let block = byIndex.get(key)
    if (d.type === 'reasoning.encrypted' && typeof d.data === 'string') {
      if (!block) order.push((block = { type: 'redacted_thinking', data: '' }))
      block.data = String(block.data ?? '') + d.data
      byIndex.set(key, block)
    } else if (d.type === 'reasoning.text') {
      if (!block) order.push((block = { type: 'thinking', thinking: '', signature: '' }))
      if (typeof d.text === 'string') block.thinking = String(block.thinking ?? '') + d.text
      if (typeof d.signature === 'string' && d.signature) block.signature = d.signature
      byIndex.set(key, block)
    }
  })
  const out = order.filter((b) => {
    if (b.type === 'thinking' && !b.signature) {
      unsigned = true
      return false
    }
    return true
  })
  if (foreign)
    warnings.push({
      code: 'param_mapped',
      param: where,
      message: `${where}: reasoning from another provider cannot be sent to Anthropic; it was left out`,
    })
  if (unsigned)
    warnings.push({
      code: 'param_mapped',
      param: where,
      message: `${where}: thinking without its signature cannot be sent back to Anthropic; it was left out`,
    })
  return out
}

/**
 * Blocks we returned under `anthropic_blocks` (server-tool calls and results, ...), sent back as they
 * came, in their order, after the thinking and before the text (web search needs them for citations).
 */
function keptBlocks(kept: unknown, where: string, warnings: Warning[]): Block[] {
  if (kept === undefined || kept === null) return []
  const entries = (Array.isArray(kept) ? kept : [null]) as Array<{ index?: unknown; block?: unknown }>
  const ok = entries.filter(
    (k) => typeof (k?.block as Block | undefined)?.type === 'string' && typeof k?.index === 'number',
  )
  if (ok.length < entries.length)
    warnings.push({
      code: 'param_mapped',
      param: `${where}.anthropic_blocks`,
      message: `${where}.anthropic_blocks: entries not shaped {"index": number, "block": {...}} were left out`,
    })
  return ok.sort((x, y) => (x.index as number) - (y.index as number)).map((k) => k.block as Block)
}

export interface ConvertedPrompt {
  system: Block[]
  messages: AnthropicTurn[]
}

export function convertPrompt(messages: ChatMessage[], warnings: Warning[]): ConvertedPrompt {
  const system: Block[] = []
  const turns: AnthropicTurn[] = []
  let seenConversation = false
  let movedSystem = false

  const push = (role: 'user' | 'assistant', blocks: Block[]) => {
    if (!blocks.length) return
    const last = turns[turns.length - 1]
    if (last && last.role === role) last.content.push(...blocks)
    else turns.push({ role, content: blocks })
  }

  messages.forEach((m, i) => {
    const where = `messages[${i}]`
    switch (m.role) {
      case 'system':
      case 'developer': {
        if (seenConversation) movedSystem = true
        const dropped: string[] = []
        for (const part of contentParts(m.content)) {
          const block = partBlock(part, `${where}.content`, warnings)
          if (block && block.type === 'text') system.push(block)
          else if (block) dropped.push(String(part.type))
        }
        const w = textOnlyWarning('Anthropic', where, 'the system prompt', dropped)
        if (w) warnings.push(w)
        return
      }
      case 'user': {
        seenConversation = true
        const blocks: Block[] = []
        for (const part of contentParts(m.content)) {
          const block = partBlock(part, `${where}.content`, warnings)
          if (block) blocks.push(block)
        }
        push('user', blocks)
        return
      }
      case 'assistant': {
        seenConversation = true
        const blocks: Block[] = thinkingBlocks(m.reasoning_details, where, warnings)
        blocks.push(...keptBlocks(m.anthropic_blocks, where, warnings))
        for (const part of contentParts(m.content)) {
          const block = partBlock(part, `${where}.content`, warnings)
          if (block) blocks.push(block)
        }
        for (const call of m.tool_calls ?? []) {
          blocks.push({
            type: 'tool_use',
            id: call.id,
            name: call.function?.name,
            input: parseArguments(call.function?.arguments, warnings, `${where}.tool_calls`),
          })
        }
        push('assistant', blocks)
        return
      }
      case 'tool': {
        seenConversation = true
        const result: Block = { type: 'tool_result', tool_use_id: m.tool_call_id }
        if (typeof m.content === 'string') {
          if (m.content) result.content = m.content
        } else {
          const blocks: Block[] = []
          for (const part of contentParts(m.content)) {
            const block = partBlock(part, `${where}.content`, warnings)
            if (block) blocks.push(block)
          }
          if (blocks.length) result.content = blocks
        }
        push('user', [result])
        return
      }
      default:
        warnings.push({
          code: 'unsupported_param',
          param: where,
          message: `${where}: Anthropic has no '${m.role}' role; the message was not sent`,
        })
    }
  })
  const names = namesWarning('Anthropic', messages)
  if (names) warnings.push(names)
  if (movedSystem)
    warnings.push({
      code: 'param_mapped',
      param: 'messages',
      message: 'Anthropic takes one system prompt: system messages after the first turn were moved to it',
    })
  // Anthropic wants tool results first in their user turn; a merged user text before them moves after.
  for (const turn of turns) {
    if (turn.role !== 'user' || turn.content.length < 2) continue
    const results = turn.content.filter((b) => b.type === 'tool_result')
    if (results.length && results.length < turn.content.length)
      turn.content = [...results, ...turn.content.filter((b) => b.type !== 'tool_result')]
  }
  return { system, messages: turns }
}
