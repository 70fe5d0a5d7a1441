/**
 * Which providers are configured, with which base URL and key. Keys come, in this order, from the OS
 * keychain, then (headless only) the config file's `apiKey`, then the provider's usual environment variable.
 */
import { GatewayError } from '../../shared/errors'
import { splitModelId } from '../../shared/openai'
import type { Config, ProviderConfig } from '../config/schema'
import { PRESETS } from '../providers/presets'
import type { ProviderPreset, ResolvedProvider } from '../providers/types'

/** Where keys come from before the config and environment (the OS keychain in practice). */
export interface KeyLookup {
  get(providerId: string): Promise<string | undefined>
  /**
   * The answer `get` would give, when it is already known without waiting (a key read earlier and
   * unchanged since); NOT_AT_HAND otherwise. Lets a request skip the promises of the lookup.
   */
  peek?(providerId: string): string | undefined | typeof NOT_AT_HAND
}

export const NOT_AT_HAND: unique symbol = Symbol('not at hand')

export const NO_KEYCHAIN: KeyLookup = { get: async () => undefined }

export interface ProviderEntry {
  id: string
  preset: ProviderPreset
  config: ProviderConfig | undefined
  baseUrl: string
}

export class ProviderConfigError extends Error {}

/** The providers this config enables, validated once at start (a bad entry names its field). */
export function providerTable(
  config: Config,
  opts: { headless: boolean; env: NodeJS.ProcessEnv },
): Map<string, ProviderEntry> {
  const table = new Map<string, ProviderEntry>()
  for (const [id, cfg] of Object.entries(config.providers)) {
    if (!cfg.enabled) continue
    const kind = cfg.kind ?? id
    const preset = PRESETS.get(kind)
    if (!preset) {
      const hint = cfg.kind ? 'providers.' + id + '.kind' : 'providers.' + id
      throw new ProviderConfigError(
        `${hint}: unknown provider kind '${kind}'. Use one of ${[...PRESETS.keys()].join(', ')} (or set "kind": "openai-compatible" with a baseUrl).`,
      )
    }
    const baseUrl = cfg.baseUrl ?? preset.baseUrl
    if (!baseUrl) throw new ProviderConfigError(`providers.${id}.baseUrl: required for ${preset.label}`)
    table.set(id, { id, preset, config: cfg, baseUrl })
  }
  if (opts.headless) {
    for (const preset of PRESETS.values()) {
      if (table.has(preset.id) || !preset.baseUrl || config.providers[preset.id]) continue
      if (preset.envKeys.some((k) => opts.env[k]))
        table.set(preset.id, { id: preset.id, preset, config: undefined, baseUrl: preset.baseUrl })
    }
  }
  return table
}

export class ProviderResolver {
  constructor(
    private readonly table: Map<string, ProviderEntry>,
    private readonly keys: KeyLookup,
    private readonly opts: { headless: boolean; env: NodeJS.ProcessEnv },
  ) {}

  ids(): string[] {
    return [...this.table.keys()]
  }

  /** Swaps in a new provider table (after Settings adds or removes a provider). */
  replaceTable(table: Map<string, ProviderEntry>): void {
    this.table.clear()
    for (const [id, entry] of table) this.table.set(id, entry)
  }

  entry(id: string): ProviderEntry | undefined {
    return this.table.get(id)
  }

  async key(entry: ProviderEntry): Promise<string | undefined> {
    return this.fallbackKey(entry, await this.keys.get(entry.id))
  }

  /** After the keychain: headless, the config file's key, then the environment's. */
  private fallbackKey(entry: ProviderEntry, fromKeychain: string | undefined): string | undefined {
    if (fromKeychain) return fromKeychain
    if (!this.opts.headless) return undefined
    if (entry.config?.apiKey) return entry.config.apiKey
    for (const name of entry.preset.envKeys) {
      const v = this.opts.env[name]
      if (v) return v
    }
    return undefined
  }

  async resolve(entry: ProviderEntry): Promise<ResolvedProvider> {
    return this.ready(entry, await this.key(entry))
  }

  private ready(entry: ProviderEntry, apiKey: string | undefined): ResolvedProvider {
    if (!apiKey && entry.preset.keyRequired) {
      const env = entry.preset.envKeys[0]
      throw new GatewayError(
        401,
        `No API key for provider '${entry.id}'. Add one in Settings > Providers, or with \`npm run keys -- set ${entry.id}\`` +
          (env ? ` (headless: or set ${env})` : '') +
          '.',
        { type: 'authentication_error', code: 'missing_api_key', provider: entry.id },
      )
    }
    return {
      id: entry.id,
      preset: entry.preset,
      baseUrl: entry.baseUrl,
      apiKey,
      headers: entry.config?.headers ?? {},
      apiVersion: entry.config?.apiVersion,
      models: entry.config?.models,
    }
  }

  /**
   * forModel's answer when it needs no waiting (the usual case: a configured provider whose key was read
   * before); undefined when forModel must be called (it also gives the errors).
   */
  forModelNow(modelId: unknown): { provider: ResolvedProvider; model: string } | undefined {
    if (typeof modelId !== 'string' || !this.keys.peek) return undefined
    const split = splitModelId(modelId)
    const entry = split && this.table.get(split.provider)
    if (!entry) return undefined
    const fromKeychain = this.keys.peek(entry.id)
    if (fromKeychain === NOT_AT_HAND) return undefined
    const apiKey = this.fallbackKey(entry, fromKeychain)
    if (!apiKey && entry.preset.keyRequired) return undefined
    return { provider: this.ready(entry, apiKey), model: split.model }
  }

  /** `groq/llama-3.3-70b-versatile` -> the groq provider, ready, and the model id it knows. */
  async forModel(modelId: unknown): Promise<{ provider: ResolvedProvider; model: string }> {
    if (typeof modelId !== 'string' || !modelId) {
      throw new GatewayError(
        400,
        "'model' is required: a string of the form provider/model, e.g. openai/gpt-4o-mini",
        { code: 'invalid_model', param: 'model' },
      )
    }
    const split = splitModelId(modelId)
    if (!split) {
      throw new GatewayError(
        400,
        `Model '${modelId}' is not of the form provider/model (e.g. openai/gpt-4o-mini)`,
        { code: 'invalid_model', param: 'model' },
      )
    }
    const entry = this.table.get(split.provider)
    if (!entry) {
      const known = this.ids()
      throw new GatewayError(
        404,
        `Unknown provider '${split.provider}' in model '${modelId}'. ` +
          (known.length ? `Configured providers: ${known.join(', ')}.` : 'No provider is configured yet.'),
        { code: 'model_not_found', param: 'model' },
      )
    }
    return { provider: await this.resolve(entry), model: split.model }
  }
}
