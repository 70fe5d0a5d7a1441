/**
 * Every provider LocalRouter knows, as data: base URL, auth style, environment variables and quirks.
 * Adding an OpenAI-compatible provider is adding an entry here, not writing code.
 */
import type { ProviderPreset } from './types'

type PresetInput = Omit<
  ProviderPreset,
  | 'dialect'
  | 'auth'
  | 'keyRequired'
  | 'local'
  | 'embeddings'
  | 'completions'
  | 'urlStyle'
  | 'unsupportedParams'
  | 'listsModels'
> &
  Partial<ProviderPreset>

function openaiCompatible(p: PresetInput): ProviderPreset {
  return {
    dialect: 'openai',
    auth: 'bearer',
    keyRequired: true,
    local: false,
    embeddings: false,
    // Legacy text completions: only where the provider's own API reference documents `POST /completions`.
    completions: false,
    urlStyle: 'openai',
    unsupportedParams: [],
    listsModels: true,
    ...p,
  }
}

const list: ProviderPreset[] = [
  openaiCompatible({
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    envKeys: ['OPENAI_API_KEY'],
    embeddings: true,
    // platform.openai.com/docs/api-reference/completions (legacy; gpt-3.5-turbo-instruct, davinci-002, ...)
    completions: true,
    docs: 'https://platform.openai.com/docs/api-reference/chat',
  }),
  {
    id: 'anthropic',
    label: 'Anthropic',
    dialect: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    auth: 'x-api-key',
    envKeys: ['ANTHROPIC_API_KEY'],
    keyRequired: true,
    local: false,
    embeddings: false,
    // Its legacy Text Completions API (`/v1/complete`) is another protocol, not OpenAI's.
    completions: false,
    urlStyle: 'openai',
    // Sent as `anthropic-version`; `apiVersion` in the provider's config overrides it.
    defaultApiVersion: '2023-06-01',
    unsupportedParams: [],
    listsModels: true,
    docs: 'https://docs.anthropic.com/en/api/messages',
  },
  {
    id: 'gemini',
    label: 'Google Gemini',
    dialect: 'gemini',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    auth: 'x-goog-api-key',
    envKeys: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    keyRequired: true,
    local: false,
    embeddings: true,
    completions: false,
    urlStyle: 'openai',
    unsupportedParams: [],
    listsModels: true,
    docs: 'https://ai.google.dev/api/generate-content',
  },
  openaiCompatible({
    id: 'azure',
    label: 'Azure OpenAI',
    baseUrl: '',
    auth: 'api-key',
    envKeys: ['AZURE_OPENAI_API_KEY'],
    embeddings: true,
    urlStyle: 'azure',
    defaultApiVersion: '2024-10-21',
    // Deployments are the user's own names: list them under `models` in the config.
    listsModels: false,
    // `/openai/deployments/<deployment>/completions?api-version=` (Completions in the 2024-10-21 reference)
    completions: true,
    docs: 'https://learn.microsoft.com/azure/ai-foundry/openai/reference',
  }),
  openaiCompatible({
    id: 'mistral',
    label: 'Mistral',
    baseUrl: 'https://api.mistral.ai/v1',
    envKeys: ['MISTRAL_API_KEY'],
    embeddings: true,
    // Its API refuses fields it does not know (422 extra_forbidden). Usage comes on the last stream chunk
    // without asking, so `include_usage: true` is met without the field (no warning); any other
    // stream_options is reported.
    unsupportedParams: ['stream_options'],
    appliedByDefault: { stream_options: { include_usage: true } },
    renamedParams: { max_completion_tokens: 'max_tokens', seed: 'random_seed' },
    // Its fill-in-the-middle is another endpoint and body (`/v1/fim/completions`), not OpenAI's completions.
    docs: 'https://docs.mistral.ai/api/',
  }),
  openaiCompatible({
    id: 'groq',
    label: 'Groq',
    baseUrl: 'https://api.groq.com/openai/v1',
    envKeys: ['GROQ_API_KEY'],
    // "not supported and will result in a 400 error if supplied" (console.groq.com/docs/openai)
    unsupportedParams: ['logprobs', 'logit_bias', 'top_logprobs'],
    // No `/completions` in its API reference (chat, responses, audio only).
    docs: 'https://console.groq.com/docs/openai',
  }),
  openaiCompatible({
    id: 'deepseek',
    label: 'DeepSeek',
    baseUrl: 'https://api.deepseek.com',
    envKeys: ['DEEPSEEK_API_KEY'],
    // FIM completion (beta) is only at `https://api.deepseek.com/beta/completions` ("set base_url to
    // https://api.deepseek.com/beta", api-docs.deepseek.com/guides/fim_completion); chat stays at the root.
    completions: 'beta/completions',
    docs: 'https://api-docs.deepseek.com/',
  }),
  openaiCompatible({
    id: 'xai',
    label: 'xAI',
    baseUrl: 'https://api.x.ai/v1',
    envKeys: ['XAI_API_KEY'],
    // "Completions (legacy) /v1/completions" in docs.x.ai's REST reference (not for reasoning models).
    completions: true,
    docs: 'https://docs.x.ai/docs/api-reference',
  }),
  openaiCompatible({
    id: 'together',
    label: 'Together AI',
    baseUrl: 'https://api.together.xyz/v1',
    envKeys: ['TOGETHER_API_KEY'],
    embeddings: true,
    // docs.together.ai/reference/completions-1: `POST /v1/completions`
    completions: true,
    docs: 'https://docs.together.ai/reference/chat-completions-1',
  }),
  openaiCompatible({
    id: 'fireworks',
    label: 'Fireworks AI',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    envKeys: ['FIREWORKS_API_KEY'],
    embeddings: true,
    // docs.fireworks.ai/api-reference/post-completions: `POST /inference/v1/completions`
    completions: true,
    docs: 'https://docs.fireworks.ai/api-reference/post-chatcompletions',
  }),
  openaiCompatible({
    id: 'cerebras',
    label: 'Cerebras',
    baseUrl: 'https://api.cerebras.ai/v1',
    envKeys: ['CEREBRAS_API_KEY'],
    // "Unsupported OpenAI features" (inference-docs.cerebras.ai/resources/openai)
    unsupportedParams: ['frequency_penalty', 'logit_bias', 'presence_penalty', 'service_tier'],
    // inference-docs.cerebras.ai/api-reference/completions: `POST /v1/completions`
    completions: true,
    docs: 'https://inference-docs.cerebras.ai/resources/openai',
  }),
  openaiCompatible({
    id: 'perplexity',
    label: 'Perplexity',
    baseUrl: 'https://api.perplexity.ai',
    envKeys: ['PERPLEXITY_API_KEY'],
    listsModels: false,
    knownModels: ['sonar', 'sonar-pro', 'sonar-reasoning', 'sonar-reasoning-pro', 'sonar-deep-research'],
    // Chat completions only (docs.perplexity.ai API reference has no text completions).
    docs: 'https://docs.perplexity.ai/api-reference/chat-completions-post',
  }),
  openaiCompatible({
    id: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    envKeys: ['OPENROUTER_API_KEY'],
    embeddings: true,
    // openrouter.ai/docs/api-reference/completion: `POST /api/v1/completions`
    completions: true,
    docs: 'https://openrouter.ai/docs/api-reference/overview',
  }),
  openaiCompatible({
    id: 'ollama',
    label: 'Ollama',
    baseUrl: 'http://127.0.0.1:11434/v1',
    auth: 'none',
    envKeys: [],
    keyRequired: false,
    local: true,
    embeddings: true,
    // `/v1/completions` is in its OpenAI compatibility list (docs/openai.md), `suffix` included.
    completions: true,
    docs: 'https://github.com/ollama/ollama/blob/main/docs/openai.md',
  }),
  openaiCompatible({
    id: 'lmstudio',
    label: 'LM Studio',
    baseUrl: 'http://127.0.0.1:1234/v1',
    auth: 'none',
    envKeys: [],
    keyRequired: false,
    local: true,
    embeddings: true,
    // `POST /v1/completions` is one of its OpenAI-compatible endpoints (lmstudio.ai/docs/app/api/endpoints/openai).
    completions: true,
    docs: 'https://lmstudio.ai/docs/app/api/endpoints/openai',
  }),
  openaiCompatible({
    id: 'openai-compatible',
    label: 'Custom (OpenAI-compatible)',
    baseUrl: '',
    envKeys: [],
    // A custom server may or may not want a key: send one when configured.
    keyRequired: false,
    embeddings: true,
    // Most OpenAI-compatible servers (vLLM, llama.cpp, TGI, LocalAI) have it; one that does not answers 404.
    completions: true,
    docs: 'https://platform.openai.com/docs/api-reference/chat',
  }),
]

export const PRESETS: ReadonlyMap<string, ProviderPreset> = new Map(list.map((p) => [p.id, p]))
