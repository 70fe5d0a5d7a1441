/**
 * Redaction: sensitive values are replaced with placeholders before a request leaves the machine and
 * put back into the answer, plain or streamed. See README "Redaction".
 */
export { detect, luhn, ibanValid, cardIssuer } from './detectors'
export { detectOptions, resolveMode, userPattern, DEFAULT_DETECT, MODES } from './options'
export {
  redactText,
  redactMessages,
  redactChatRequest,
  countsHeader,
  type Entity,
  type MessageEntity,
} from './redact'
export { Restorer, StreamRestorer, isPartialPlaceholder, MAX_HOLD } from './restore'
export { ChunkRestorer } from './stream'
export { Vault } from './vault'
export { ENTITY_TYPES, type EntityType, type RedactionMode, type DetectOptions } from './types'
export {
  prepareChat,
  prepareEmbeddings,
  warmUp,
  restoreCompletion,
  parseRedactHeader,
  REDACT_HEADER,
  REDACTED_HEADER,
  type PreparedRequest,
} from './request'
export {
  prepareCompletion,
  restoreTextCompletion,
  CompletionChunkRestorer,
  type PreparedCompletion,
} from './completion'
