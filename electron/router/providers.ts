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
}

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
    const fromKeychain = await this.keys.get(entry.id)
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
    const apiKey = await this.key(entry)
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
