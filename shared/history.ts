/**
 * The conversation model shared by the UI and the history store. A conversation is a tree: messages
 * link to their parent, so regenerate, edit and resend add siblings and nothing is ever lost.
 */
import { z } from 'zod'

export const RedactionModeSchema = z.enum(['off', 'mask', 'block'])
export type RedactionMode = z.infer<typeof RedactionModeSchema>

/**
 * Something the provider did not do as asked, shown in the answer's footer. `setting`: a request setting it
 * could not honour (the gateway's `x-localrouter-warnings` header: mapped, clamped or not sent); `answer`:
 * answer content kept only in a vendor field this chat does not show (`localrouter_warnings` on the stream).
 */
export const MessageWarningSchema = z.object({
  kind: z.enum(['setting', 'answer']),
  code: z.string(),
  /** The request parameter (`setting`). */
  param: z.string().optional(),
  /** The vendor's content type (`answer`). */
  type: z.string().optional(),
  /** In plain words, for the person reading the answer. */
  message: z.string(),
  /** The gateway's own wording, when `message` rephrases it. */
  detail: z.string().optional(),
})
export type MessageWarning = z.infer<typeof MessageWarningSchema>

export const MessageMetaSchema = z.object({
  tokensIn: z.number().int().nonnegative().optional(),
  tokensOut: z.number().int().nonnegative().optional(),
  /** USD, an estimate from list prices. */
  cost: z.number().nonnegative().optional(),
  /** Time to the first streamed token of any kind (thinking included). */
  ttftMs: z.number().nonnegative().optional(),
  /** When the answer had thinking first: time to the answer's own first token. */
  answerMs: z.number().nonnegative().optional(),
  totalMs: z.number().nonnegative().optional(),
  provider: z.string().optional(),
  /** True when redaction changed the prompt before it left the machine. */
  redacted: z.boolean().optional(),
  /** What the provider did not do as asked (absent in histories written before it existed). */
  warnings: z.array(MessageWarningSchema).optional(),
  /** Of `tokensIn`, read from the provider's prompt cache. */
  cachedTokens: z.number().int().nonnegative().optional(),
  /** Of `tokensOut`, spent on reasoning / thinking. */
  reasoningTokens: z.number().int().nonnegative().optional(),
  /** Why the answer ended, when not a plain stop: `length` (token limit) or `content_filter`. */
  finishReason: z.string().optional(),
})
export type MessageMeta = z.infer<typeof MessageMetaSchema>

export const MessageErrorSchema = z.object({
  message: z.string(),
  code: z.string().nullable(),
  type: z.string(),
  status: z.number().int().optional(),
  /** Seconds the provider asked to wait (its `retry-after`), on a rate limit or overload. */
  retryAfterSec: z.number().nonnegative().optional(),
})
export type MessageError = z.infer<typeof MessageErrorSchema>

export const MessageSchema = z.object({
  id: z.string().min(1),
  parentId: z.string().nullable(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  /** Image attachments as data: URLs (user messages), or the images of an answer (assistant messages). */
  images: z.array(z.string()).optional(),
  /**
   * Where each of an answer's `images` stood in it (the gateway's `index` and `content_offset`), so the
   * model that drew them gets them back in their place (Gemini's multi-turn image editing).
   */
  imagePlaces: z
    .array(z.object({ index: z.number().optional(), content_offset: z.number().optional() }))
    .optional(),
  /** The model's reasoning / thinking as text (assistant messages), shown apart from the answer. */
  reasoning: z.string().optional(),
  /**
   * The gateway's `reasoning_details` for this answer (OpenRouter's shape: thinking text with its signature,
   * encrypted blocks, Gemini thought signatures), sent back unchanged when the same model continues.
   */
  reasoningDetails: z.array(z.record(z.string(), z.unknown())).optional(),
  model: z.string().optional(),
  createdAt: z.number(),
  status: z.enum(['done', 'streaming', 'stopped', 'error']).optional(),
  error: MessageErrorSchema.optional(),
  meta: MessageMetaSchema.optional(),
})
export type Message = z.infer<typeof MessageSchema>

export const ChatParamsSchema = z.object({
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  reasoningEffort: z.enum(['low', 'medium', 'high']).optional(),
})
export type ChatParams = z.infer<typeof ChatParamsSchema>

export const SentToSchema = z.object({ provider: z.string(), host: z.string(), at: z.number() })

export const ConversationSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a conversation id is 1-64 letters, digits, _ or -'),
  title: z.string().max(200),
  createdAt: z.number(),
  updatedAt: z.number(),
  model: z.string(),
  systemPrompt: z.string(),
  params: ChatParamsSchema,
  redaction: RedactionModeSchema,
  /** The user chose `redaction` for this conversation; otherwise it follows the settings' default for its model's provider. */
  redactionPinned: z.boolean().optional(),
  messages: z.array(MessageSchema),
  /** The leaf of the branch on screen. */
  currentLeafId: z.string().nullable(),
  /** Every provider and host a message of this conversation went to. */
  sentTo: z.array(SentToSchema),
})
export type Conversation = z.infer<typeof ConversationSchema>

export const ConversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  model: z.string(),
  messageCount: z.number().int(),
})
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>

export const SearchHitSchema = z.object({
  id: z.string(),
  title: z.string(),
  updatedAt: z.number(),
  /** A piece of text around the first match ('' when only the title matched). */
  snippet: z.string(),
})
export type SearchHit = z.infer<typeof SearchHitSchema>
