/**
 * Streamed `reasoning_details` (OpenRouter's shape) put back together, by the gateway (an answer assembled
 * from a stream) and by the chat UI (an answer kept with its thinking) alike: a `reasoning.text` entry with
 * the same index, format and id as the last one extends it (text appended; its other fields, such as the
 * signature, kept as last sent when not empty), so a thinking block is one entry as in a non-streamed
 * answer, not one per token. Every other entry (signatures, encrypted blocks) is kept as it came.
 */
export function mergeReasoningDetails(
  into: Array<Record<string, unknown>>,
  incoming: readonly unknown[],
): void {
  for (const raw of incoming) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue
    const d = raw as Record<string, unknown>
    const last = into[into.length - 1]
    if (
      d.type === 'reasoning.text' &&
      last?.type === 'reasoning.text' &&
      last.index === d.index &&
      last.id === d.id &&
      last.format === d.format
    ) {
      for (const [k, v] of Object.entries(d))
        if (k === 'text') {
          if (typeof v === 'string') last.text = (typeof last.text === 'string' ? last.text : '') + v
        } else if (v !== undefined && v !== null && v !== '') last[k] = v
      continue
    }
    into.push({ ...d })
  }
}
