/**
 * `response_format` json_schema on a Claude model without structured outputs (catalog cap
 * `structuredOutput: false`: Claude 3.x, Sonnet 4, Opus 4 / 4.1, where `output_config.format` is a 400).
 * The schema goes out as one tool, the "answer tool", that `tool_choice` forces; the model's `tool_use`
 * input is the answer, so the response and the stream return it as the message content (JSON text) with
 * finish_reason `stop` and no tool_calls. This is the JSON mode Anthropic's tool-use docs describe for
 * models without structured outputs (one tool with the schema as `input_schema`, forced with
 * `tool_choice: {"type": "tool", "name": ...}`): https://docs.anthropic.com/en/docs/build-with-claude/tool-use.
 *
 * When the client sent tools of its own, forcing a tool would stop its tool loop: its tools and
 * tool_choice are kept, nothing is forced, and the schema goes into the system prompt as an instruction
 * instead (reported; the answer is then not guaranteed to match).
 */
import type { ChatRequest } from '../../../shared/openai'
import type { ModelCaps } from '../catalog'

/** The tool as Anthropic takes it (`Tool`: name, description, input_schema). */
export interface AnswerTool {
  name: string
  description: string
  input_schema: unknown
}

/** What a tool may be called at Anthropic (`Tool.name`: `^[a-zA-Z0-9_-]{1,64}$`). */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/
/** The answer tool's name when the schema has no usable name. */
export const DEFAULT_ANSWER_TOOL = 'json_answer'

interface JsonSchemaFormat {
  name?: unknown
  description?: unknown
  schema?: unknown
}

/** The client's json_schema `response_format`, when it has a schema. */
export function jsonSchemaFormat(body: ChatRequest): JsonSchemaFormat | undefined {
  const rf = body.response_format as { type?: unknown; json_schema?: JsonSchemaFormat } | undefined
  return rf?.type === 'json_schema' && rf.json_schema?.schema ? rf.json_schema : undefined
}

/** True when the model has no structured outputs and the client asked for a json_schema answer. */
export function needsSchemaFallback(caps: ModelCaps | undefined, body: ChatRequest): boolean {
  return caps?.structuredOutput === false && jsonSchemaFormat(body) !== undefined
}

/**
 * The answer tool for this request (named after the schema), or undefined when none is used: the model
 * has structured outputs, no json_schema was asked for, or the client sent tools of its own.
 */
export function answerTool(caps: ModelCaps | undefined, body: ChatRequest): AnswerTool | undefined {
  if (!needsSchemaFallback(caps, body) || body.tools?.length) return undefined
  const format = jsonSchemaFormat(body)!
  const name =
    typeof format.name === 'string' && TOOL_NAME.test(format.name) ? format.name : DEFAULT_ANSWER_TOOL
  const description =
    typeof format.description === 'string' && format.description
      ? format.description
      : 'Give your answer by calling this tool: its input is the answer.'
  return { name, description, input_schema: format.schema }
}

/** The system-prompt instruction used instead of the answer tool when the client has tools of its own. */
export function schemaInstruction(body: ChatRequest): string {
  return `When you give your final answer (not a tool call), respond with a single JSON object, and nothing else, valid against this JSON Schema:\n${JSON.stringify(jsonSchemaFormat(body)?.schema)}`
}
