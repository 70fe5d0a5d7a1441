/**
 * JSON Schemas of OpenAI's chat-completion response and stream chunk, written from OpenAI's OpenAPI
 * spec (github.com/openai/openai-openapi, `CreateChatCompletionResponse`,
 * `CreateChatCompletionStreamResponse`, `ChatCompletionResponseMessage`, `ChatCompletionStreamResponseDelta`,
 * `CompletionUsage`) as mirrored by node_modules/openai/resources/chat/completions/completions.d.ts.
 * Required and nullable fields follow the spec: a message must carry `content` and `refusal` (both
 * nullable), a choice must carry `logprobs` (nullable) and `finish_reason`. Extra fields are allowed,
 * as in the spec (OpenRouter's `reasoning` and `reasoning_details` ride along).
 */
import { Ajv, type ValidateFunction } from 'ajv'

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] })

const finishReason = { enum: ['stop', 'length', 'tool_calls', 'content_filter', 'function_call'] }

const logprobToken = {
  type: 'object',
  required: ['token', 'logprob', 'bytes', 'top_logprobs'],
  properties: {
    token: { type: 'string' },
    logprob: { type: 'number' },
    bytes: nullable({ type: 'array', items: { type: 'integer' } }),
    top_logprobs: { type: 'array' },
  },
}
const logprobs = nullable({
  type: 'object',
  required: ['content', 'refusal'],
  properties: {
    content: nullable({ type: 'array', items: logprobToken }),
    refusal: nullable({ type: 'array', items: logprobToken }),
  },
})

const usage = {
  type: 'object',
  required: ['prompt_tokens', 'completion_tokens', 'total_tokens'],
  properties: {
    prompt_tokens: { type: 'integer', minimum: 0 },
    completion_tokens: { type: 'integer', minimum: 0 },
    total_tokens: { type: 'integer', minimum: 0 },
    prompt_tokens_details: {
      type: 'object',
      properties: { cached_tokens: { type: 'integer' }, audio_tokens: { type: 'integer' } },
    },
    completion_tokens_details: {
      type: 'object',
      properties: {
        reasoning_tokens: { type: 'integer' },
        audio_tokens: { type: 'integer' },
        accepted_prediction_tokens: { type: 'integer' },
        rejected_prediction_tokens: { type: 'integer' },
      },
    },
  },
}

const toolCall = {
  type: 'object',
  required: ['id', 'type', 'function'],
  properties: {
    id: { type: 'string' },
    type: { const: 'function' },
    function: {
      type: 'object',
      required: ['name', 'arguments'],
      properties: { name: { type: 'string' }, arguments: { type: 'string' } },
    },
  },
}

export const chatCompletionSchema = {
  type: 'object',
  required: ['id', 'object', 'created', 'model', 'choices'],
  properties: {
    id: { type: 'string' },
    object: { const: 'chat.completion' },
    created: { type: 'integer' },
    model: { type: 'string' },
    system_fingerprint: { type: 'string' },
    service_tier: nullable({ enum: ['auto', 'default', 'flex', 'scale', 'priority'] }),
    usage,
    choices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'message', 'finish_reason', 'logprobs'],
        properties: {
          index: { type: 'integer' },
          finish_reason: finishReason,
          logprobs,
          message: {
            type: 'object',
            required: ['role', 'content', 'refusal'],
            properties: {
              role: { const: 'assistant' },
              content: nullable({ type: 'string' }),
              refusal: nullable({ type: 'string' }),
              tool_calls: { type: 'array', items: toolCall },
              annotations: { type: 'array' },
            },
          },
        },
      },
    },
  },
}

export const chatCompletionChunkSchema = {
  type: 'object',
  required: ['id', 'object', 'created', 'model', 'choices'],
  properties: {
    id: { type: 'string' },
    object: { const: 'chat.completion.chunk' },
    created: { type: 'integer' },
    model: { type: 'string' },
    system_fingerprint: { type: 'string' },
    service_tier: nullable({ enum: ['auto', 'default', 'flex', 'scale', 'priority'] }),
    usage: nullable(usage),
    choices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'delta', 'finish_reason'],
        properties: {
          index: { type: 'integer' },
          finish_reason: nullable(finishReason),
          logprobs,
          delta: {
            type: 'object',
            properties: {
              role: { enum: ['developer', 'system', 'user', 'assistant', 'tool'] },
              content: nullable({ type: 'string' }),
              refusal: nullable({ type: 'string' }),
              tool_calls: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['index'],
                  properties: {
                    index: { type: 'integer' },
                    id: { type: 'string' },
                    type: { const: 'function' },
                    function: {
                      type: 'object',
                      properties: { name: { type: 'string' }, arguments: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
}

const ajv = new Ajv({ allErrors: true, strict: false })
const validators: Record<'completion' | 'chunk', ValidateFunction> = {
  completion: ajv.compile(chatCompletionSchema),
  chunk: ajv.compile(chatCompletionChunkSchema),
}

/** Throws with ajv's messages when `value` is not a valid OpenAI chat completion (or chunk). */
export function assertOpenAI(kind: 'completion' | 'chunk', value: unknown): void {
  const validate = validators[kind]
  if (!validate(value))
    throw new Error(
      `not a valid OpenAI ${kind}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 800)}`,
    )
}
