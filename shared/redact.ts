/**
 * The wire shape of `POST /v1/redact`, shared by the gateway's route and the UI's preview. Entities
 * carry types, offsets into the original and placeholders; never the values.
 */
import { z } from 'zod'

export const RedactEntitySchema = z.object({
  type: z.string(),
  /** Offsets into the original text (UTF-16 code units); -1 inside tool-call arguments. */
  start: z.number().int(),
  end: z.number().int(),
  placeholder: z.string(),
})

export const RedactMessageEntitySchema = RedactEntitySchema.extend({
  /** Index in `messages`. */
  message: z.number().int().nonnegative(),
  /** Index in the message's content parts, when its content is an array. */
  part: z.number().int().nonnegative().optional(),
  /** The tool call's index, for entities inside tool-call arguments. */
  toolCall: z.number().int().nonnegative().optional(),
})

export const RedactTextResponseSchema = z.object({
  text: z.string(),
  entities: z.array(RedactEntitySchema),
})

export const RedactMessagesResponseSchema = z.object({
  messages: z.array(z.looseObject({ role: z.string() })),
  entities: z.array(RedactMessageEntitySchema),
})

export type RedactEntity = z.infer<typeof RedactEntitySchema>
export type RedactMessageEntity = z.infer<typeof RedactMessageEntitySchema>
