/**
 * Anthropic content that OpenAI's chat format has no field for, kept instead of dropped:
 * - citations on text blocks: the ones that point at a URL (web search) also become OpenAI
 *   `url_citation` annotations; every citation is kept as sent under `anthropic_citations`, with the
 *   range of the answer text it supports;
 * - server-tool blocks (`server_tool_use`, `web_search_tool_result`, `web_fetch_tool_result`, ...) and
 *   any block type newer than this code: kept as sent under `anthropic_blocks`, with their position;
 * - anything kept only in those vendor fields is also reported in `localrouter_warnings` (on the
 *   completion, or on the stream chunk that carries it), which the router logs.
 * Offsets (`start_index`, `end_index`) count UTF-16 code units of the message's `content`.
 */

/** OpenAI's annotation for a cited web page (chat completions `message.annotations`). */
export interface UrlCitation {
  type: 'url_citation'
  url_citation: { url: string; title: string; start_index: number; end_index: number }
}

/** One Anthropic citation as sent, with the range of the answer text it supports. */
export interface KeptCitation {
  start_index: number
  end_index: number
  citation: Record<string, unknown>
}

/** One Anthropic content block with no OpenAI equivalent, as sent, with its position in the answer. */
export interface KeptBlock {
  index: number
  block: Record<string, unknown>
}

/** What the client gets when part of the answer only lives in a vendor field. */
export interface ResponseWarning {
  code: 'unmapped_content'
  /** The Anthropic block, delta or event type. */
  type: string
  message: string
}

/** Block types translated to OpenAI fields; every other type is kept under `anthropic_blocks`. */
export const MAPPED_BLOCKS: ReadonlySet<string> = new Set([
  'text',
  'thinking',
  'redacted_thinking',
  'tool_use',
])

export function urlCitation(c: Record<string, unknown>, start: number, end: number): UrlCitation | undefined {
  if (typeof c.url !== 'string' || !c.url) return undefined
  return {
    type: 'url_citation',
    url_citation: {
      url: c.url,
      title: typeof c.title === 'string' ? c.title : '',
      start_index: start,
      end_index: end,
    },
  }
}

/** The annotations and kept citations for one text block covering [start, end) of the content. */
export function citationsFor(
  citations: ReadonlyArray<Record<string, unknown>>,
  start: number,
  end: number,
): { annotations: UrlCitation[]; kept: KeptCitation[]; unmapped: string[] } {
  const annotations: UrlCitation[] = []
  const kept: KeptCitation[] = []
  const unmapped: string[] = []
  for (const c of citations) {
    kept.push({ start_index: start, end_index: end, citation: c })
    const a = urlCitation(c, start, end)
    if (a) annotations.push(a)
    else unmapped.push(String(c.type ?? 'citation'))
  }
  return { annotations, kept, unmapped }
}

export function citationWarning(types: string[]): ResponseWarning {
  const list = [...new Set(types)].join(', ')
  return {
    code: 'unmapped_content',
    type: list,
    message: `Anthropic cited sources OpenAI's format has no field for (${list}); they are in anthropic_citations`,
  }
}

export function blockWarning(type: string, where = 'anthropic_blocks'): ResponseWarning {
  return {
    code: 'unmapped_content',
    type,
    message: `Anthropic sent '${type}' content that OpenAI's format has no field for; it is in ${where}`,
  }
}
