/**
 * What we know about well-known models that their providers' model lists do not say: context length,
 * price (USD per million tokens) and modalities. Data, not code: add a row, not a branch.
 * Prices are list prices from each provider's pricing page as of 2026-11; the app shows them as estimates.
 */
import type { ModelPricing } from '../../shared/openai'

export interface ModelFacts {
  context_length: number
  /**
   * USD per million tokens. `cacheRead`: prompt tokens read from the provider's prompt cache (instead of
   * `input`); `cacheWrite`: prompt tokens written to it, where the provider charges that apart (Anthropic's
   * 5-minute cache write); `cacheWrite1h`: those written to it for an hour (Anthropic's 1-hour cache write).
   * Absent where no cache price is confirmed: cached tokens are then counted at `input`.
   */
  price?: {
    input: number
    output: number
    cacheRead?: number
    cacheWrite?: number
    cacheWrite1h?: number
    /** Prices for a request whose prompt is longer than `over` tokens: the whole request is billed at them. */
    longContext?: { over: number; input: number; output: number; cacheRead?: number }
  }
  input: Array<'text' | 'image' | 'audio' | 'file'>
  output: Array<'text' | 'image' | 'audio'>
  /** Default max output tokens, for providers that need one (Anthropic). */
  max_output?: number
  /** How the model takes request settings, where that differs from its provider's general rules. */
  caps?: ModelCaps
}

/**
 * Per-model request rules, as data: what the provider rejects with a 400 (so the adapter leaves it out
 * and reports it) and which form of a setting the model takes (so the adapter can map to it).
 */
export interface ModelCaps {
  /**
   * Request fields the model rejects, keyed by the provider's field name. The value is the range the
   * model still takes (for backward compatibility); `null`: every value is rejected.
   */
  rejects?: Readonly<Record<string, { min?: number; max?: number } | null>>
  /** Why the fields in `rejects` are rejected, in the provider's words; ends the warning message. */
  rejectsWhy?: string
  /**
   * The thinking form the model takes: `budget` = `{type: 'enabled', budget_tokens}`; `adaptive` =
   * `{type: 'adaptive'}` with `output_config.effort`; `both` (LocalRouter keeps sending the budget).
   */
  thinking?: 'budget' | 'adaptive' | 'both'
  /** `thinking.type` values the model rejects with a 400. */
  rejectsThinking?: readonly string[]
  /** What turns thinking off where `disabled` is rejected (`between_tools`: no up-front thinking). */
  thinkingOff?: 'between_tools'
  /** The `output_config.effort` levels the model takes. */
  efforts?: readonly string[]
  /**
   * True when `temperature` and `top_p` are each accepted but the pair is a 400 ("`temperature` and
   * `top_p` cannot both be specified for this model"): temperature is sent, top_p left out and reported.
   */
  temperatureOrTopP?: boolean
  /** False when a forced tool choice (`any`, or one named tool) is rejected with a 400. */
  forcedToolChoice?: boolean
  /**
   * False when the model has no structured outputs (Anthropic's `output_config.format` is a 400 on it):
   * `response_format` json_schema is then sent as a forced tool whose input is the answer.
   */
  structuredOutput?: boolean
  /**
   * Gemini 3 and later: the `thinkingConfig.thinkingLevel` values the model takes, lowest first
   * (another level is a 400). `reasoning_effort` is sent as the nearest of these.
   */
  thinkingLevels?: readonly GeminiThinkingLevel[]
  /**
   * Gemini 2.5: the `thinkingConfig.thinkingBudget` range the model takes (tokens); `canDisable`: 0
   * turns thinking off (else 0 is a 400). -1 (dynamic thinking) is accepted on every such model.
   */
  thinkingBudget?: { min: number; max: number; canDisable: boolean }
  /**
   * Gemini: true when `presencePenalty` / `frequencyPenalty` are accepted. Only Gemini 2.0 took them; later
   * models answer a non-zero value with a 400 ("Penalty is not enabled for models/gemini-2.5-flash"), so a
   * Gemini model without this is sent neither (reported).
   */
  penalties?: boolean
  /**
   * Gemini: true when `responseLogprobs` / `logprobs` are accepted. The Gemini API answers them with a 400
   * ("Logprobs is not enabled for models/gemini-2.5-flash") on every model after 2.0, so a Gemini model
   * without this is sent neither (reported).
   */
  logprobs?: boolean
  /** Gemini: the most candidates (`candidateCount`, OpenAI's `n`) the model takes; more is a 400. */
  maxCandidates?: number
  /** False when the model has no thinking at all: Gemini rejects any `thinkingConfig` with a 400. */
  thinkingConfig?: false
}

/** Gemini's `ThinkingLevel` values (@google/genai `ThinkingLevel`), lowest first. */
export const GEMINI_THINKING_LEVELS = ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'] as const
export type GeminiThinkingLevel = (typeof GEMINI_THINKING_LEVELS)[number]

const TEXT = { input: ['text'] as ModelFacts['input'], output: ['text'] as ModelFacts['output'] }
const VISION = { input: ['text', 'image'] as ModelFacts['input'], output: ['text'] as ModelFacts['output'] }
const CLAUDE = {
  input: ['text', 'image', 'file'] as ModelFacts['input'],
  output: ['text'] as ModelFacts['output'],
}
const GEMINI = {
  input: ['text', 'image', 'audio', 'file'] as ModelFacts['input'],
  output: ['text'] as ModelFacts['output'],
}

// Anthropic request rules, from the providers' own docs and SDK sources.
// Sampling: @anthropic-ai/sdk 0.137.0 (the last release for anthropic-version 2023-06-01),
// https://github.com/anthropics/anthropic-sdk-typescript/blob/sdk-v0.137.0/src/resources/messages/messages.ts
// (MessageCreateParamsBase): "Models released after Claude Opus 4.6 do not support setting temperature. A
// value of 1.0 will be accepted for backwards compatibility, all other values will be rejected with a 400
// error"; top_p: "A value >= 0.99 will be accepted"; top_k: "any value will be rejected with a 400 error".
// SDK 1.x (API version 2026-10-21) no longer has these fields at all.
const CLAUDE_NO_SAMPLING: ModelCaps['rejects'] = {
  temperature: { min: 1, max: 1 },
  top_p: { min: 0.99 },
  top_k: null,
}
const NO_SAMPLING_WHY = 'Anthropic: models released after Claude Opus 4.6 do not support setting it'
// Thinking: https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting ("Thinking
// support, defaults, and rejected configurations by model") and
// https://platform.claude.com/docs/en/build-with-claude/extended-thinking: "Claude 4.7 and later models do
// not support it [thinking.type enabled with budget_tokens] and reject requests that use it, returning a
// 400 error"; Claude 4.5 and earlier take only `enabled` (reject `adaptive`); the 4.6 models take both.
// Effort levels: https://platform.claude.com/docs/en/build-with-claude/effort (xhigh and max per model).
const EFFORTS_ALL = ['low', 'medium', 'high', 'xhigh', 'max'] as const
/** Claude 4.7 and later: no sampling parameters, adaptive thinking only. */
const CLAUDE_ADAPTIVE: ModelCaps = {
  rejects: CLAUDE_NO_SAMPLING,
  rejectsWhy: NO_SAMPLING_WHY,
  thinking: 'adaptive',
  rejectsThinking: ['enabled'],
  efforts: EFFORTS_ALL,
}
/** Thinking always on: `disabled` is rejected too (Fable 5, Mythos 5 in the troubleshooting table). */
const CLAUDE_ALWAYS_THINKING: ModelCaps = { ...CLAUDE_ADAPTIVE, rejectsThinking: ['enabled', 'disabled'] }
/**
 * Claude Opus 5.5 and Fable 5.1: thinking cannot be disabled and forced tool use returns a 400
 * (https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5: "Four breaking changes ...
 * thinking can't be disabled, forced tool use returns an error ... The first three also apply on Claude
 * Fable 5.1").
 */
const CLAUDE_55_ALWAYS_THINKING: ModelCaps = { ...CLAUDE_ALWAYS_THINKING, forcedToolChoice: false }
/**
 * Claude Sonnet 5.5: "Turn off up-front thinking with between_tools", "Forced tool use returns an error"
 * (https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5).
 */
const CLAUDE_SONNET_55: ModelCaps = {
  ...CLAUDE_ADAPTIVE,
  rejectsThinking: ['enabled', 'disabled'],
  thinkingOff: 'between_tools',
  forcedToolChoice: false,
}
// Temperature or top_p, not both: https://platform.claude.com/docs/en/about-claude/models/migrating-to-claude-4
// ("Update sampling parameters. This is a breaking change from the Claude Sonnet 3.7. Use only temperature OR
// top_p, not both", for Claude Sonnet 4.5), with the 400 "`temperature` and `top_p` cannot both be specified
// for this model. Please use only one."; observed on claude-haiku-4-5, claude-opus-4-1, claude-opus-4-5,
// claude-opus-4-6, claude-sonnet-4-5 and claude-sonnet-4-6 (github.com/AlphaBitCore/nexus-gateway,
// `anthropicModelRejectsTempTopPTogether`, probed against api.anthropic.com in 2026-05). Not stated for
// Claude Opus 4 / Sonnet 4, which keep taking the pair here.
/** Claude 4.6: both thinking forms (budgets deprecated but accepted); effort up to max, no xhigh. */
const CLAUDE_46: ModelCaps = {
  thinking: 'both',
  efforts: ['low', 'medium', 'high', 'max'],
  temperatureOrTopP: true,
}
/** Claude 4.5 and earlier: budget thinking only; `adaptive` is rejected. */
const CLAUDE_BUDGET: ModelCaps = { thinking: 'budget', rejectsThinking: ['adaptive'] }
/** Claude Opus 4.5, Sonnet 4.5, Haiku 4.5: budget thinking; temperature or top_p. */
const CLAUDE_45: ModelCaps = { ...CLAUDE_BUDGET, temperatureOrTopP: true }
// Structured outputs (`output_config.format`, strict tools): "generally available on the Claude API and
// Amazon Bedrock for Claude Opus 4.6, Claude Sonnet 4.6, Claude Sonnet 4.5, Claude Opus 4.5, and Claude
// Haiku 4.5" (https://platform.claude.com/docs/en/build-with-claude/structured-outputs), and on every model
// released since (the models endpoint's `capabilities.structured_outputs`, @anthropic-ai/sdk 1.14.0
// `ModelCapabilities`). Claude Opus 4.1 had it only in the 2025-11 beta (header
// `structured-outputs-2025-11-13`, not sent by LocalRouter); Opus 4, Sonnet 4 and Claude 3.x never did.
/** Claude Opus 4.1, Opus 4, Sonnet 4, Sonnet 3.7: budget thinking, no structured outputs. */
const CLAUDE_BUDGET_NO_JSON: ModelCaps = { ...CLAUDE_BUDGET, structuredOutput: false }
/** Claude Opus 4.1: as above; temperature or top_p. */
const CLAUDE_OPUS_41: ModelCaps = { ...CLAUDE_BUDGET_NO_JSON, temperatureOrTopP: true }
/** Claude 3.x without thinking (3.5 Haiku, 3 Opus, ...): no structured outputs. */
const CLAUDE_3_NO_JSON: ModelCaps = { structuredOutput: false }

// Gemini thinking rules. Levels: https://ai.google.dev/gemini-api/docs/thinking (as quoted in
// github.com/enricoros/big-AGI/issues/893: Gemini 3 Pro takes "low" or "high", default "high"; "You cannot
// disable thinking for Gemini 3 Pro") and the per-model table
// of thinking levels on Vercel AI Gateway's Google reasoning page
// (https://vercel.com/docs/ai-gateway/capabilities/reasoning/google, 2026-03: Gemini 3.1 Pro low / medium /
// high, minimal "Not supported", default high; Gemini 3 Flash and 3.1 Flash-Lite all four, defaults high
// and minimal). The Gemini 3.5 Flash-Lite model page
// (https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-5-flash-lite) names
// MINIMAL, LOW, MEDIUM and HIGH for it. No Gemini 3+ level turns thinking fully off (MINIMAL is the least).
// The value names: @google/genai 2.32.0 `ThinkingLevel` (MINIMAL, LOW, MEDIUM, HIGH).
// One candidate on Gemini 3: "Multiple candidates is not enabled for this model" (400) for any candidateCount
// above 1 on gemini-3-pro-preview (googleapis/python-genai#1723), gemini-3-flash-preview, gemini-3.1-pro-preview
// and the GA gemini-3.1-flash-lite (googleapis/js-genai#1609, 2026-05, open: "on all Gemini 3.x models I've
// tested"; gemini-2.5-flash takes it).
/** Gemini 3 Pro: LOW and HIGH only. */
const GEMINI_3_PRO: ModelCaps = { thinkingLevels: ['LOW', 'HIGH'], maxCandidates: 1 }
/** Gemini 3.1 Pro: no MINIMAL. */
const GEMINI_31_PRO: ModelCaps = { thinkingLevels: ['LOW', 'MEDIUM', 'HIGH'], maxCandidates: 1 }
/** Gemini 3 Flash and later Flash / Flash-Lite models: all four levels. */
const GEMINI_3_FLASH: ModelCaps = { thinkingLevels: GEMINI_THINKING_LEVELS, maxCandidates: 1 }
// Budgets: https://ai.google.dev/gemini-api/docs/thinking ("Set budgets": 2.5 Pro 128 to 32768, thinking
// cannot be disabled; 2.5 Flash 0 to 24576, 0 disables; 2.5 Flash-Lite 512 to 24576, 0 disables, no
// thinking by default; -1 dynamic on all three), as quoted in the issues below; @google/genai 2.32.0
// `ThinkingConfig.thinkingBudget`: "0 is DISABLED. -1 is AUTOMATIC. The default values and allowed ranges
// are model dependent." The 400s as users got them: "Budget 0 is invalid. This model only works in
// thinking mode." (gemini-2.5-pro; github.com/snailyp/gemini-balance/issues/206) and "The thinking budget
// (52428) is invalid." (github.com/RooCodeInc/Roo-Code/issues/4399).
/** Gemini 2.5 Pro: always thinks. */
const GEMINI_25_PRO: ModelCaps = { thinkingBudget: { min: 128, max: 32_768, canDisable: false } }
/**
 * Gemini 2.5 Flash. The least budget above 0 is 1 in Vertex's table
 * (https://docs.cloud.google.com/vertex-ai/generative-ai/docs/thinking, as quoted in
 * github.com/juspay/neurolink/pull/1707); ai.google.dev gives the range as 0 to 24576.
 */
const GEMINI_25_FLASH: ModelCaps = { thinkingBudget: { min: 1, max: 24_576, canDisable: true } }
/** Gemini 2.5 Flash-Lite. */
const GEMINI_25_FLASH_LITE: ModelCaps = { thinkingBudget: { min: 512, max: 24_576, canDisable: true } }
/**
 * Gemini 2.0 Flash / Flash-Lite: no thinking; a `thinkingConfig` is a 400 ("Unable to submit request
 * because thinking is not supported by this model", github.com/googleapis/js-genai/issues/681, on
 * gemini-2.0-flash; assumed the same for 2.0 Flash-Lite, which the docs also list without thinking).
 */
const GEMINI_NO_THINKING: ModelCaps = { thinkingConfig: false, penalties: true, logprobs: true }
// Logprobs: "Logprobs is not enabled for models/gemini-2.5-pro" / "-flash" / "-flash-lite" (400
// INVALID_ARGUMENT; googleapis/python-genai#1921, 2026-01: "Cannot generate log probabilities from models above
// 2.0"; Vela-Research/think-reason-learn#34; mscraftsman/generative-ai#135, which moved its test to
// gemini-2.0-flash) and "Logprobs is not supported for this model" on Gemini 3.5 Flash
// (GoogleCloudPlatform/generative-ai#2947, 2026-06).
// Penalties: "Penalty is not enabled for models/gemini-2.5-flash" (400 INVALID_ARGUMENT) on gemini-2.5-pro /
// -flash (vercel/ai#8943, BerriAI/litellm#26108), on Gemini 3.x Flash (Ikalus1988/MisakaNet#1473) and "on every
// tested model" (google-gemini/cookbook#1290, 2026-07, citing a Google team member on
// discuss.ai.google.dev/t/94446: frequencyPenalty is supported on gemini-2.0-flash only).

/**
 * Rules a provider states for a whole family of models, for ids the catalog does not list (a new
 * snapshot or point release). Matched against the model id without a date suffix; first match wins.
 */
export const MODEL_FAMILIES: ReadonlyArray<{ provider: string; pattern: RegExp; caps: ModelCaps }> = [
  // "Claude 4.7 and later" (extended-thinking page) / "models released after Claude Opus 4.6" (SDK 0.137).
  {
    provider: 'anthropic',
    pattern: /^claude-(?:opus-4-[7-9]|(?:opus|sonnet|haiku|fable|mythos)-(?:[5-9]|[1-9]\d)(?:-\d+)?)$/,
    caps: CLAUDE_ADAPTIVE,
  },
  // Claude 3 models the catalog does not list (claude-3-opus, claude-3-5-sonnet, ...): no structured outputs.
  { provider: 'anthropic', pattern: /^claude-3-/, caps: CLAUDE_3_NO_JSON },
  // Gemini ids the catalog does not list: previews and snapshots (gemini-2.5-pro-preview-06-05,
  // gemini-2.5-flash-preview-09-2025, gemini-2.0-flash-001, gemini-3-pro-preview-11-2025, ...) and later
  // Flash / Flash-Lite models. Image, TTS, live and other variants are left to the general behaviour, as
  // is any Pro after 3.1 (its levels are not confirmed here).
  { provider: 'gemini', pattern: /^gemini-3-pro(?:-preview)?(?:-[\d-]+)?$/, caps: GEMINI_3_PRO },
  { provider: 'gemini', pattern: /^gemini-3\.1-pro(?:-preview)?(?:-[\d-]+)?$/, caps: GEMINI_31_PRO },
  {
    provider: 'gemini',
    pattern: /^gemini-(?:[3-9]|[1-9]\d)(?:\.\d+)?-flash(?:-lite)?(?:-preview)?(?:-[\d-]+)?$/,
    caps: GEMINI_3_FLASH,
  },
  { provider: 'gemini', pattern: /^gemini-2\.5-pro(?:-preview)?(?:-[\d-]+)?$/, caps: GEMINI_25_PRO },
  { provider: 'gemini', pattern: /^gemini-2\.5-flash(?:-preview)?(?:-[\d-]+)?$/, caps: GEMINI_25_FLASH },
  {
    provider: 'gemini',
    pattern: /^gemini-2\.5-flash-lite(?:-preview)?(?:-[\d-]+)?$/,
    caps: GEMINI_25_FLASH_LITE,
  },
  {
    provider: 'gemini',
    pattern: /^gemini-2\.0-flash(?:-lite)?(?:-preview)?(?:-[\d-]+)?$/,
    caps: GEMINI_NO_THINKING,
  },
]

// Prompt-cache prices (`cacheRead`, `cacheWrite`), list prices as of 2026-11; a model without a confirmed
// cache price has none (its cached tokens are counted at the input price, never guessed lower).
// - Anthropic: the pricing page's model table (https://platform.claude.com/docs/en/about-claude/pricing,
//   "5m cache writes" and "Cache hits and refreshes"): Fable 5.1 / Mythos 5.1 $12.50 / $0.25, Fable 5 /
//   Mythos 5 $12.50 / $1, Opus 4.5 to Opus 5 $6.25 / $0.50, Opus 4.1 and Opus 4 $18.75 / $1.50; the model
//   pages for Sonnet 5 ($2.50 / $0.20, https://platform.claude.com/docs/en/models/sonnet-5/overview) and
//   Sonnet 5.5 (5m write $2.50; its cache read was cut on 2026-10-07 and is not confirmed here, so none);
//   Sonnet 4.6 / 4.5 / 4 / 3.7 $3.75 / $0.30, Haiku 4.5 $1.25 / $0.10, Haiku 3.5 $1 / $0.08 (the same table,
//   the standard 1.25x write and 0.1x read multipliers). `cacheWrite` is the 5-minute write (the default
//   TTL); `cacheWrite1h`, the 1-hour write, is the same table's "1h cache writes" column, 2x the input price
//   for each of these models but Sonnet 5.5 (its cache prices changed on 2026-10-07; none confirmed). No
//   cache prices for Fable 5.2, Opus 5.5 and Haiku 5.5 (not confirmed; Haiku 5.5 is priced by prompt length).
// - OpenAI: "Cached input" on https://developers.openai.com/api/docs/pricing, read here through copies of
//   it (that page itself was not reachable): gpt-4o $1.25, gpt-4o-mini $0.075 (the CommitBrief wiki's table
//   from it), gpt-4.1 $0.50 (LiteLLM's price data), gpt-4.1-nano $0.025 and o4-mini $0.275 (Roo Code's model
//   table), gpt-4.1-mini $0.10 (the GPT-4.1 family's 75% cache discount). Cache writes are not charged for
//   these. o3's cached price is not confirmed (sources disagree), so none.
// - Gemini: "Context caching price" on https://ai.google.dev/gemini-api/docs/pricing (prompts up to 200k):
//   2.5 Pro $0.125 (as quoted from that page on discuss.ai.google.dev); 2.5 Flash $0.03 and 3 Flash Preview
//   $0.05 (the 90% caching discount guides citing that page give for them). Storage is billed per hour, not
//   per token, so no write price. The other Gemini rows have none confirmed here.
// - OpenAI GPT-5 family: "Cached input" on each model's page (developers.openai.com/api/docs/models/<id>):
//   gpt-5-mini $0.025, gpt-5-nano $0.005, gpt-5.6-terra $0.20, gpt-5.6-luna $0.02; gpt-5 $0.125 (its own page
//   was not reachable here: the GPT-5-Codex page, "a version of GPT-5" at the same $1.25 input, lists $0.125,
//   and LiteLLM's price data agrees). The GPT-5.6 pages also bill cache writes at 1.25x the uncached input
//   rate, hence their `cacheWrite`; the GPT-5 (2025) pages name no write price.
// - xAI: the "cached in" column of https://docs.x.ai/developers/models.md (grok-4.20: $0.20, grok-4.1 Fast
//   $0.05). Grok 4.7's page (https://docs.x.ai/developers/grok-4-7) names no cached price, so none.
// - DeepSeek: no prices at all. Its price page (https://api-docs.deepseek.com/quick_start/pricing, 2026-11)
//   bills every model at a peak rate (01:00-04:00 and 06:00-10:00 UTC on weekdays) and an off-peak rate of
//   half that the rest of the time; one per-token figure would be wrong by up to 2x either way, so the rows
//   carry context, output limit and modalities only.

/** Keyed by `provider/model`. */
export const CATALOG: Readonly<Record<string, ModelFacts>> = {
  'openai/gpt-4o': {
    context_length: 128_000,
    price: { input: 2.5, output: 10, cacheRead: 1.25 },
    ...VISION,
    max_output: 16_384,
  },
  'openai/gpt-4o-mini': {
    context_length: 128_000,
    price: { input: 0.15, output: 0.6, cacheRead: 0.075 },
    ...VISION,
    max_output: 16_384,
  },
  'openai/gpt-4.1': {
    context_length: 1_047_576,
    price: { input: 2, output: 8, cacheRead: 0.5 },
    ...VISION,
    max_output: 32_768,
  },
  'openai/gpt-4.1-mini': {
    context_length: 1_047_576,
    price: { input: 0.4, output: 1.6, cacheRead: 0.1 },
    ...VISION,
    max_output: 32_768,
  },
  'openai/gpt-4.1-nano': {
    context_length: 1_047_576,
    price: { input: 0.1, output: 0.4, cacheRead: 0.025 },
    ...VISION,
    max_output: 32_768,
  },
  'openai/o3': { context_length: 200_000, price: { input: 2, output: 8 }, ...VISION, max_output: 100_000 },
  'openai/o4-mini': {
    context_length: 200_000,
    price: { input: 1.1, output: 4.4, cacheRead: 0.275 },
    ...VISION,
    max_output: 100_000,
  },
  // GPT-5 (2025-08): https://developers.openai.com/api/docs/models/gpt-5-nano (and -mini): "400,000 context
  // window", "Maximum input tokens: 272,000", "128,000 max output tokens", text and image in, text out; price
  // per model page. gpt-5 itself: $1.25 / $10 (LiteLLM's price data; the GPT-5-Codex page lists GPT-5 at
  // $1.25 input). Dated snapshots (gpt-5-mini-2025-08-07) match these rows. OpenAI marks the three deprecated.
  'openai/gpt-5': {
    context_length: 400_000,
    price: { input: 1.25, output: 10, cacheRead: 0.125 },
    ...VISION,
    max_output: 128_000,
  },
  'openai/gpt-5-mini': {
    context_length: 400_000,
    price: { input: 0.25, output: 2, cacheRead: 0.025 },
    ...VISION,
    max_output: 128_000,
  },
  'openai/gpt-5-nano': {
    context_length: 400_000,
    price: { input: 0.05, output: 0.4, cacheRead: 0.005 },
    ...VISION,
    max_output: 128_000,
  },
  // GPT-5.6 (2026-07): https://developers.openai.com/api/docs/models/gpt-5.6-sol, -terra, -luna: 1,050,000
  // context, 128,000 max output, text and image in, text out. Prices are for prompts up to 272K input tokens
  // (past that the pages bill the whole request at 2x input and 1.5x output; the catalog keeps the base rate,
  // an under-count there). Sol has no price here: its page lists a promotional $4 / $20 that applies until at
  // least 2026-11-21, and the price after that is not confirmed. The `gpt-5.6` alias routes to GPT-5.6 Sol
  // (same page).
  'openai/gpt-5.6-sol': { context_length: 1_050_000, ...VISION, max_output: 128_000 },
  'openai/gpt-5.6': { context_length: 1_050_000, ...VISION, max_output: 128_000 },
  'openai/gpt-5.6-terra': {
    context_length: 1_050_000,
    price: { input: 2, output: 12, cacheRead: 0.2, cacheWrite: 2.5 },
    ...VISION,
    max_output: 128_000,
  },
  'openai/gpt-5.6-luna': {
    context_length: 1_050_000,
    price: { input: 0.2, output: 1.2, cacheRead: 0.02, cacheWrite: 0.25 },
    ...VISION,
    max_output: 128_000,
  },
  'openai/text-embedding-3-small': { context_length: 8_191, price: { input: 0.02, output: 0 }, ...TEXT },
  'openai/text-embedding-3-large': { context_length: 8_191, price: { input: 0.13, output: 0 }, ...TEXT },
  'groq/llama-3.3-70b-versatile': {
    context_length: 131_072,
    price: { input: 0.59, output: 0.79 },
    ...TEXT,
    max_output: 32_768,
  },
  'groq/llama-3.1-8b-instant': {
    context_length: 131_072,
    price: { input: 0.05, output: 0.08 },
    ...TEXT,
    max_output: 131_072,
  },
  // https://console.groq.com/docs/models ("Production Models": price per 1M tokens, context window, max
  // completion tokens). Groq lists these ids with the `openai/` prefix; the row key keeps it. The GPT-OSS 120B
  // figures are also the ones braintrustdata/braintrust-proxy#566 read off that page.
  'groq/openai/gpt-oss-120b': {
    context_length: 131_072,
    price: { input: 0.15, output: 0.6 },
    ...TEXT,
    max_output: 65_536,
  },
  'groq/openai/gpt-oss-20b': {
    context_length: 131_072,
    price: { input: 0.075, output: 0.3 },
    ...TEXT,
    max_output: 65_536,
  },
  'mistral/mistral-large-latest': { context_length: 131_072, price: { input: 2, output: 6 }, ...TEXT },
  'mistral/mistral-small-latest': { context_length: 131_072, price: { input: 0.1, output: 0.3 }, ...VISION },
  // Mistral Medium 3.5 (2026-04), which `mistral-medium-latest` now names: $1.50 / $7.50, text and image in
  // (the model card https://docs.mistral.ai/models/model-cards/mistral-medium-3-5-26-04, as quoted in
  // braintrustdata/braintrust-proxy#505: "256k" context); 262,144 tokens is the figure OpenRouter and Vercel
  // AI Gateway list for it.
  'mistral/mistral-medium-latest': {
    context_length: 262_144,
    price: { input: 1.5, output: 7.5 },
    ...VISION,
  },
  // https://api-docs.deepseek.com/quick_start/pricing (2026-11): `deepseek-flash` (DeepSeek-V4.1-Flash, vision
  // supported) and `deepseek-v4-pro` (vision not supported), context length 1M, max output 384K. The legacy
  // names `deepseek-v4-flash` and `deepseek-v4-flash-vision-exp` are still accepted, served by DeepSeek-V4.1-Flash
  // and billed as Flash. No price: peak / off-peak billing (see the cache-price notes above).
  // `deepseek-chat` and `deepseek-reasoner` were retired on 2026-07-24 (https://api-docs.deepseek.com/news/news260424,
  // as cited in Open-Less/openless#132), so they have no rows.
  'deepseek/deepseek-flash': { context_length: 1_000_000, ...VISION, max_output: 384_000 },
  'deepseek/deepseek-v4-flash': { context_length: 1_000_000, ...VISION, max_output: 384_000 },
  'deepseek/deepseek-v4-flash-vision-exp': { context_length: 1_000_000, ...VISION, max_output: 384_000 },
  'deepseek/deepseek-v4-pro': { context_length: 1_000_000, ...TEXT, max_output: 384_000 },
  'xai/grok-3': { context_length: 131_072, price: { input: 3, output: 15 }, ...TEXT },
  'xai/grok-3-mini': { context_length: 131_072, price: { input: 0.3, output: 0.5 }, ...TEXT },
  // https://docs.x.ai/developers/models.md ("Pricing [in (cached in) / out]"): text and image in, text out,
  // 2,000,000 context. The ids are xAI's own (`-0309` is not a date the lookup strips).
  'xai/grok-4.20-0309-reasoning': {
    context_length: 2_000_000,
    price: { input: 2, output: 6, cacheRead: 0.2 },
    ...VISION,
  },
  'xai/grok-4.20-0309-non-reasoning': {
    context_length: 2_000_000,
    price: { input: 2, output: 6, cacheRead: 0.2 },
    ...VISION,
  },
  'xai/grok-4.20-multi-agent-0309': {
    context_length: 2_000_000,
    price: { input: 2, output: 6, cacheRead: 0.2 },
    ...VISION,
  },
  'xai/grok-4-1-fast-reasoning': {
    context_length: 2_000_000,
    price: { input: 0.2, output: 0.5, cacheRead: 0.05 },
    ...VISION,
  },
  'xai/grok-4-1-fast-non-reasoning': {
    context_length: 2_000_000,
    price: { input: 0.2, output: 0.5, cacheRead: 0.05 },
    ...VISION,
  },
  // https://docs.x.ai/developers/grok-4-7: 500,000 context, "Text and image input; text output", "No text output
  // limit", $2.00 / $6.00.
  'xai/grok-4.7': { context_length: 500_000, price: { input: 2, output: 6 }, ...VISION },
  'perplexity/sonar': { context_length: 127_072, price: { input: 1, output: 1 }, ...TEXT },
  'perplexity/sonar-pro': { context_length: 200_000, price: { input: 3, output: 15 }, ...TEXT },
  'perplexity/sonar-reasoning': { context_length: 127_072, price: { input: 1, output: 5 }, ...TEXT },
  'perplexity/sonar-reasoning-pro': { context_length: 127_072, price: { input: 2, output: 8 }, ...TEXT },
  'perplexity/sonar-deep-research': { context_length: 127_072, price: { input: 2, output: 8 }, ...TEXT },
  'cerebras/llama-3.3-70b': { context_length: 65_536, price: { input: 0.85, output: 1.2 }, ...TEXT },
  // https://inference-docs.cerebras.ai/api-reference/models/public-models (`GET /public/v1/models`): gpt-oss-120b
  // max_context_length 131072, max_completion_tokens 40960, modality text, $0.35 / $0.75 per million (also on
  // https://inference-docs.cerebras.ai/models/openai-oss for the paid tiers).
  'cerebras/gpt-oss-120b': {
    context_length: 131_072,
    price: { input: 0.35, output: 0.75 },
    ...TEXT,
    max_output: 40_960,
  },
  // Anthropic (docs.anthropic.com/en/docs/about-claude/models/overview). `max_output` is the
  // max_tokens LocalRouter sends when the client sets none. Dated snapshots (-20250929) match these rows.
  // Model ids as of @anthropic-ai/sdk 1.14.0 (`Model` in resources/messages/messages.d.ts, 2026-11).
  // https://platform.claude.com/docs/en/models/overview (Fable 5.2 lineup): 1M context, 128K output, $8 / $40.
  // Released 2026-11-09; thinking always on (adaptive), effort default high.
  'anthropic/claude-fable-5-2': {
    context_length: 1_000_000,
    price: { input: 8, output: 40 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_ALWAYS_THINKING,
  },
  // https://platform.claude.com/docs/en/models/fable-5-1/overview: 1M context, 128K output, $10 / $50.
  'anthropic/claude-fable-5-1': {
    context_length: 1_000_000,
    price: { input: 10, output: 50, cacheRead: 0.25, cacheWrite: 12.5, cacheWrite1h: 20 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_55_ALWAYS_THINKING,
  },
  // https://platform.claude.com/docs/en/models/fable-5/overview: 1M context, 128K output, $10 / $50.
  'anthropic/claude-fable-5': {
    context_length: 1_000_000,
    price: { input: 10, output: 50, cacheRead: 1, cacheWrite: 12.5, cacheWrite1h: 20 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_ALWAYS_THINKING,
  },
  // Claude Mythos 5 (access-gated, Project Glasswing): "shares Claude Fable 5's specifications and
  // pricing" (https://platform.claude.com/docs/en/models/fable-5/overview, "Fable vs. Mythos"); thinking
  // always on (https://platform.claude.com/docs/en/models/fable-5/migration-guide, the settings shared by
  // claude-fable-5 and claude-mythos-5). Bedrock's card agrees: 1M context, 128K output.
  'anthropic/claude-mythos-5': {
    context_length: 1_000_000,
    price: { input: 10, output: 50, cacheRead: 1, cacheWrite: 12.5, cacheWrite1h: 20 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_ALWAYS_THINKING,
  },
  // Claude Mythos 5.1 shares one model card with Fable 5.1 (https://platform.claude.com/docs/resources/overview);
  // limits, rules and price as Fable 5.1's, by the same pairing the docs state for Fable 5 / Mythos 5.
  'anthropic/claude-mythos-5-1': {
    context_length: 1_000_000,
    price: { input: 10, output: 50, cacheRead: 0.25, cacheWrite: 12.5, cacheWrite1h: 20 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_55_ALWAYS_THINKING,
  },
  // https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5 ($4 / $20) and the models
  // overview: 1M context, 128K output; effort default medium.
  'anthropic/claude-opus-5-5': {
    context_length: 1_000_000,
    price: { input: 4, output: 20 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_55_ALWAYS_THINKING,
  },
  // https://platform.claude.com/docs/en/models/opus-5/overview: 1M context, 128K output, $5 / $25.
  // Thinking on by default; `disabled` is accepted only at effort high or below (troubleshooting table).
  'anthropic/claude-opus-5': {
    context_length: 1_000_000,
    price: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25, cacheWrite1h: 10 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_ADAPTIVE,
  },
  // https://platform.claude.com/docs/en/models/opus-4-8/overview: 1M context, 128K output, $5 / $25.
  'anthropic/claude-opus-4-8': {
    context_length: 1_000_000,
    price: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25, cacheWrite1h: 10 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_ADAPTIVE,
  },
  // https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-opus-4-7.md: 1M
  // context, 128K output, "only supports thinking.type: adaptive"; $5 / $25 (Opus tier, models overview).
  'anthropic/claude-opus-4-7': {
    context_length: 1_000_000,
    price: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25, cacheWrite1h: 10 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_ADAPTIVE,
  },
  // https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5 and the models overview:
  // 1M context, 128K output, $2 / $10; effort default high.
  'anthropic/claude-sonnet-5-5': {
    context_length: 1_000_000,
    price: { input: 2, output: 10, cacheWrite: 2.5 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_SONNET_55,
  },
  // https://platform.claude.com/docs/models/overview (Fable 5 lineup): 1M context, 128K output, $2 / $10.
  'anthropic/claude-sonnet-5': {
    context_length: 1_000_000,
    price: { input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5, cacheWrite1h: 4 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_ADAPTIVE,
  },
  // https://platform.claude.com/docs/en/models/haiku-5-5/overview: 1M context, 128K output, "From $0.10 /
  // $0.50" (the lowest tier of its price; the app shows it as an estimate). Thinking can be turned off.
  'anthropic/claude-haiku-5-5': {
    context_length: 1_000_000,
    price: { input: 0.1, output: 0.5 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_ADAPTIVE,
  },
  // https://platform.claude.com/docs/en/models/opus-4-6/overview: 1M context, 128K output, $5 / $25.
  'anthropic/claude-opus-4-6': {
    context_length: 1_000_000,
    price: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25, cacheWrite1h: 10 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_46,
  },
  // https://platform.claude.com/docs/en/models/sonnet-4-6/overview: 1M context, 128K output, $3 / $15.
  'anthropic/claude-sonnet-4-6': {
    context_length: 1_000_000,
    price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6 },
    ...CLAUDE,
    max_output: 128_000,
    caps: CLAUDE_46,
  },
  'anthropic/claude-opus-4-5': {
    context_length: 200_000,
    price: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25, cacheWrite1h: 10 },
    ...CLAUDE,
    max_output: 64_000,
    caps: CLAUDE_45,
  },
  'anthropic/claude-sonnet-4-5': {
    context_length: 200_000,
    price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6 },
    ...CLAUDE,
    max_output: 64_000,
    caps: CLAUDE_45,
  },
  'anthropic/claude-haiku-4-5': {
    context_length: 200_000,
    price: { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25, cacheWrite1h: 2 },
    ...CLAUDE,
    max_output: 64_000,
    caps: CLAUDE_45,
  },
  'anthropic/claude-opus-4-1': {
    context_length: 200_000,
    price: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75, cacheWrite1h: 30 },
    ...CLAUDE,
    max_output: 32_000,
    caps: CLAUDE_OPUS_41,
  },
  'anthropic/claude-opus-4-0': {
    context_length: 200_000,
    price: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75, cacheWrite1h: 30 },
    ...CLAUDE,
    max_output: 32_000,
    caps: CLAUDE_BUDGET_NO_JSON,
  },
  'anthropic/claude-opus-4': {
    context_length: 200_000,
    price: { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75, cacheWrite1h: 30 },
    ...CLAUDE,
    max_output: 32_000,
    caps: CLAUDE_BUDGET_NO_JSON,
  },
  'anthropic/claude-sonnet-4-0': {
    context_length: 200_000,
    price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6 },
    ...CLAUDE,
    max_output: 64_000,
    caps: CLAUDE_BUDGET_NO_JSON,
  },
  'anthropic/claude-sonnet-4': {
    context_length: 200_000,
    price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6 },
    ...CLAUDE,
    max_output: 64_000,
    caps: CLAUDE_BUDGET_NO_JSON,
  },
  'anthropic/claude-3-7-sonnet-latest': {
    context_length: 200_000,
    price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6 },
    ...CLAUDE,
    max_output: 64_000,
    caps: CLAUDE_BUDGET_NO_JSON,
  },
  'anthropic/claude-3-7-sonnet': {
    context_length: 200_000,
    price: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6 },
    ...CLAUDE,
    max_output: 64_000,
    caps: CLAUDE_BUDGET_NO_JSON,
  },
  'anthropic/claude-3-5-haiku-latest': {
    context_length: 200_000,
    price: { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1, cacheWrite1h: 1.6 },
    ...VISION,
    max_output: 8_192,
    caps: CLAUDE_3_NO_JSON,
  },
  'anthropic/claude-3-5-haiku': {
    context_length: 200_000,
    price: { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1, cacheWrite1h: 1.6 },
    ...VISION,
    max_output: 8_192,
    caps: CLAUDE_3_NO_JSON,
  },
  // Google Gemini (ai.google.dev/gemini-api/docs/models, /pricing; prices for prompts up to 200k tokens).
  // The Pro models bill a request whose prompt is longer than 200k tokens at higher prices (`longContext`):
  // 2.5 Pro $2.50 / $15 (cache read $0.25), 3 Pro Preview $4 / $18 (its cache read has no confirmed base
  // price here, so none), as the pricing page's "prompts > 200k tokens" rows give them (read here through
  // LiteLLM's price data).
  // https://ai.google.dev/gemini-api/docs/models/gemini-3-pro-preview: input 1,048,576, output 65,536;
  // text, image, video, audio and PDF in. Price: https://ai.google.dev/gemini-api/docs/pricing.
  'gemini/gemini-3-pro-preview': {
    context_length: 1_048_576,
    price: { input: 2, output: 12, longContext: { over: 200_000, input: 4, output: 18 } },
    ...GEMINI,
    max_output: 65_536,
    caps: GEMINI_3_PRO,
  },
  // Price ($0.50 text / image / video input, $3 output incl. thinking): https://ai.google.dev/gemini-api/docs/pricing.
  // Limits (input 1,048,576, output 65,536; text, image, audio, video in):
  // https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-flash (same model id).
  'gemini/gemini-3-flash-preview': {
    context_length: 1_048_576,
    price: { input: 0.5, output: 3, cacheRead: 0.05 },
    ...GEMINI,
    max_output: 65_536,
    caps: GEMINI_3_FLASH,
  },
  'gemini/gemini-2.5-pro': {
    context_length: 1_048_576,
    price: {
      input: 1.25,
      output: 10,
      cacheRead: 0.125,
      longContext: { over: 200_000, input: 2.5, output: 15, cacheRead: 0.25 },
    },
    ...GEMINI,
    max_output: 65_536,
    caps: GEMINI_25_PRO,
  },
  'gemini/gemini-2.5-flash': {
    context_length: 1_048_576,
    price: { input: 0.3, output: 2.5, cacheRead: 0.03 },
    ...GEMINI,
    max_output: 65_536,
    caps: GEMINI_25_FLASH,
  },
  'gemini/gemini-2.5-flash-lite': {
    context_length: 1_048_576,
    price: { input: 0.1, output: 0.4 },
    ...GEMINI,
    max_output: 65_536,
    caps: GEMINI_25_FLASH_LITE,
  },
  'gemini/gemini-2.0-flash': {
    context_length: 1_048_576,
    price: { input: 0.1, output: 0.4 },
    ...GEMINI,
    max_output: 8_192,
    caps: GEMINI_NO_THINKING,
  },
  'gemini/gemini-2.0-flash-lite': {
    context_length: 1_048_576,
    price: { input: 0.075, output: 0.3 },
    ...GEMINI,
    max_output: 8_192,
    caps: GEMINI_NO_THINKING,
  },
}

const DATED = /-(\d{4}-\d{2}-\d{2}|\d{8})$/

/** Facts for `provider/model`, also for dated snapshots of a known model (`gpt-4o-2024-08-06`). */
export function modelFacts(provider: string, model: string, kind?: string): ModelFacts | undefined {
  for (const p of kind && kind !== provider ? [provider, kind] : [provider]) {
    const exact = CATALOG[`${p}/${model}`]
    if (exact) return exact
    const undated = model.replace(DATED, '')
    if (undated !== model) {
      const hit = CATALOG[`${p}/${undated}`]
      if (hit) return hit
    }
  }
  return undefined
}

/**
 * The request rules for `provider/model`: the catalog row's own, else those its provider states for the
 * model's family. Undefined for a model neither knows: the adapter then keeps its general behaviour.
 */
export function modelCaps(provider: string, model: string, kind?: string): ModelCaps | undefined {
  const facts = modelFacts(provider, model, kind)
  if (facts) return facts.caps
  const undated = model.replace(DATED, '')
  for (const f of MODEL_FAMILIES)
    if ((f.provider === provider || f.provider === kind) && f.pattern.test(undated)) return f.caps
  return undefined
}

/** OpenRouter's price strings: USD per single token. */
export function perTokenPrice(perMillion: number): string {
  const s = (perMillion / 1_000_000).toFixed(12).replace(/0+$/, '')
  return s.endsWith('.') ? s.slice(0, -1) : s
}

/**
 * A catalog price as OpenRouter's `/v1/models` writes it: per-token strings, with the cache and long-context
 * prices only where the catalog has them.
 */
export function openRouterPricing(price: NonNullable<ModelFacts['price']>): ModelPricing {
  const long = price.longContext
  return {
    prompt: perTokenPrice(price.input),
    completion: perTokenPrice(price.output),
    ...(price.cacheRead !== undefined ? { input_cache_read: perTokenPrice(price.cacheRead) } : {}),
    ...(price.cacheWrite !== undefined ? { input_cache_write: perTokenPrice(price.cacheWrite) } : {}),
    ...(price.cacheWrite1h !== undefined ? { input_cache_write_1h: perTokenPrice(price.cacheWrite1h) } : {}),
    ...(long
      ? {
          long_context_threshold: String(long.over),
          prompt_long_context: perTokenPrice(long.input),
          completion_long_context: perTokenPrice(long.output),
          ...(long.cacheRead !== undefined
            ? { input_cache_read_long_context: perTokenPrice(long.cacheRead) }
            : {}),
        }
      : {}),
  }
}
