/** Turns gateway errors into plain words and the fix to offer (never a raw stack or JSON dump). */
import type { MessageError } from '../../../shared/history'

export type Fix = 'add-key' | 'update-key' | 'retry' | 'switch-model' | 'open-settings' | 'use-mask'

export interface HumanError {
  title: string
  detail: string
  fixes: Fix[]
}

/** A provider's message as a sentence: ends with one full stop (theirs or ours), never two. */
function sentence(text: string): string {
  const t = text.trim()
  return /[.!?]$/.test(t) ? t : `${t}.`
}

/** "7 seconds", "1 minute", "3 minutes", "about 2 hours". */
export function waitWords(sec: number): string {
  const s = Math.max(1, Math.ceil(sec))
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`
  const m = Math.ceil(s / 60)
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'}`
  const h = Math.round(m / 60)
  return `about ${h} hour${h === 1 ? '' : 's'}`
}

/** What to do next, with the provider's own wait when it gave one. */
function retryAdvice(e: MessageError, who: string, fallback: string): string {
  if (e.retryAfterSec === undefined) return fallback
  return `${who} asks to wait ${waitWords(e.retryAfterSec)} before trying again; retry then, or switch to another model.`
}

export function humanError(e: MessageError, provider?: string): HumanError {
  const who = provider ? providerName(provider) : 'The provider'
  const code = e.code ?? ''
  if (code === 'missing_api_key')
    return {
      title: `No API key for ${who}`,
      detail: 'Add a key in Settings > Providers & keys; it is stored in your OS keychain.',
      fixes: ['add-key', 'switch-model'],
    }
  if (code === 'offline')
    return {
      title: 'LocalRouter is not reachable',
      detail: 'The local server stopped or the network is off. Start LocalRouter again, then retry.',
      fixes: ['retry'],
    }
  if (code === 'upstream_unreachable' || code === 'upstream_connection_reset' || code === 'upstream_timeout')
    return {
      title: `Cannot reach ${who}`,
      detail: `${e.message} Check your internet connection, then retry, or pick another model.`,
      fixes: ['retry', 'switch-model'],
    }
  if (code === 'sensitive_data_blocked')
    return {
      title: 'Not sent: redaction is set to block',
      detail: `${e.message.replace(/^Redaction is set to block and the request/, 'This conversation').replace(/; nothing was sent to the provider\.?$/, '.')} Nothing left this machine. Remove them and resend, or send with placeholders (mask).`,
      fixes: ['use-mask', 'open-settings'],
    }
  if (code === 'redaction_blocked' || e.type === 'redaction_error')
    return {
      title: 'Blocked by redaction',
      detail: `${e.message} Nothing was sent. Edit the message or change the redaction mode.`,
      fixes: ['open-settings'],
    }
  if (e.status === 401 || e.status === 403 || code === 'invalid_api_key')
    return {
      title: `${who} refused the key`,
      detail:
        'The stored API key is invalid, revoked or lacks access. Replace it in Settings > Providers & keys.',
      fixes: ['update-key', 'switch-model'],
    }
  if (e.status === 429)
    return {
      title: `${who} is rate limiting you`,
      detail: `${sentence(e.message)} ${retryAdvice(e, who, 'Wait a moment and retry, or switch to another model.')}`,
      fixes: ['retry', 'switch-model'],
    }
  if (e.status === 404 || code === 'model_not_found')
    return { title: 'Model not available', detail: e.message, fixes: ['switch-model'] }
  if (e.status !== undefined && e.status >= 500)
    return {
      title: `${who} is having problems`,
      detail: `${sentence(e.message)} This is on the provider's side; ${e.retryAfterSec !== undefined ? `${who} asks to wait ${waitWords(e.retryAfterSec)}, then retry,` : 'retry in a moment'} or pick another model.`,
      fixes: ['retry', 'switch-model'],
    }
  return { title: 'The request failed', detail: e.message, fixes: ['retry'] }
}

const NAMES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Google Gemini',
  mistral: 'Mistral',
  groq: 'Groq',
  deepseek: 'DeepSeek',
  xai: 'xAI',
  together: 'Together AI',
  fireworks: 'Fireworks AI',
  cerebras: 'Cerebras',
  perplexity: 'Perplexity',
  openrouter: 'OpenRouter',
  ollama: 'Ollama',
  lmstudio: 'LM Studio',
  azure: 'Azure OpenAI',
}

export function providerName(id: string): string {
  return NAMES[id] ?? id
}
