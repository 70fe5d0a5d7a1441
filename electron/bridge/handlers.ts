/**
 * The bridge's handlers, one per contract method, over plain services (config, keys, history, the
 * running gateway). No 'electron' import: the desktop IPC and the headless HTTP transport both call
 * these through dispatchBridge.
 */
import type { BridgeHandlers } from '../../shared/bridge'
import { GatewayError } from '../../shared/errors'
import type { Config } from '../config/schema'
import { updateConfigFile } from '../config/store'
import type { HistoryStore } from '../history/store'
import { toMarkdown } from '../history/store'
import { PRESETS } from '../providers/presets'
import { warmUp } from '../redaction'
import { catastrophicBacktracking } from '../redaction/pattern-safety'
import type { Router } from '../router'
import { providerTable } from '../router/providers'
import type { KeyService } from '../secrets/types'

export interface BridgeDeps {
  mode: 'desktop' | 'headless'
  version: string
  platform?: string
  /** The config file settings are saved to, and the live config object the gateway reads. */
  configFile: string
  config: Config
  env?: NodeJS.ProcessEnv
  /** The running gateway (`running` false while the desktop app has paused the endpoint). */
  gateway: { url: string; port: number; router: Router; running?: boolean }
  /** The endpoint's API token: read per call; rotate saves the new one where it lives (keychain or config). */
  token: { get(): string; rotate(): Promise<string> }
  /** The OS keychain; null where none is available (then keys.* say so plainly). */
  keys: KeyService | null
  history: HistoryStore
  /** Where Ollama and LM Studio are looked for (defaults: their usual ports on 127.0.0.1). */
  localProbes?: Partial<Record<'ollama' | 'lmstudio', string>>
}

function noKeychain(): GatewayError {
  return new GatewayError(
    503,
    'No OS keychain is available, so keys cannot be stored here. Start LocalRouter inside a desktop session (or use scripts/with-keyring.sh), or set the provider key in an environment variable for headless use.',
    { type: 'keychain_error', code: 'keychain_unavailable' },
  )
}

async function probe(baseUrl: string): Promise<number | null> {
  try {
    const res = await fetch(`${baseUrl.replace(/\/$/, '')}/models`, { signal: AbortSignal.timeout(1500) })
    if (!res.ok) return null
    const body = (await res.json()) as { data?: unknown[] }
    return Array.isArray(body.data) ? body.data.length : 0
  } catch {
    return null
  }
}

export function createBridgeHandlers(deps: BridgeDeps): BridgeHandlers {
  const env = deps.env ?? process.env
  const headless = deps.mode === 'headless'

  const reload = () => {
    deps.gateway.router.resolver.replaceTable(providerTable(deps.config, { headless, env }))
    deps.gateway.router.clearModelsCache()
  }
  const saveConfig = async (mutate: (raw: Record<string, unknown>) => void) => {
    const next = await updateConfigFile(deps.configFile, mutate)
    // The gateway holds this object: change it in place so the running server sees the change.
    deps.config.providers = next.providers
    deps.config.server.allowedOrigins = next.server.allowedOrigins
    // The running server stays where it is; the new port applies from the next start.
    deps.config.server.port = next.server.port
    deps.config.redaction = next.redaction
    reload()
    // Compile the new lists and load the phone data now, so the next redacted request is not slower.
    const red = next.redaction
    if (red.mode !== 'off' || Object.values(red.providers).some((m) => m !== 'off'))
      setImmediate(() => {
        try {
          warmUp(red)
        } catch {
          // A real request reports the failure (and is refused).
        }
      })
  }
  const keyService = () =>
    deps.keys ??
    (() => {
      throw noKeychain()
    })()
  const settings = () => {
    const r = deps.config.redaction
    return {
      allowedOrigins: [...deps.config.server.allowedOrigins],
      port: deps.config.server.port,
      redaction: {
        mode: r.mode,
        providers: { ...r.providers },
        always: { terms: [...r.always.terms], patterns: [...r.always.patterns] },
        never: { terms: [...r.never.terms], patterns: [...r.never.patterns] },
        phoneRegion: r.phoneRegion,
        keepSecretsMasked: r.keepSecretsMasked,
        privateIps: r.privateIps,
        disabled: [...r.disabled],
      },
    }
  }

  return {
    'app.info': async () => ({
      name: 'LocalRouter',
      version: deps.version,
      mode: deps.mode,
      platform: deps.platform ?? process.platform,
    }),
    'endpoint.info': async () => ({
      running: deps.gateway.running ?? true,
      baseUrl: `${deps.gateway.url}/v1`,
      port: deps.gateway.port,
      inFlight: deps.gateway.router.stats.inFlight,
      totalRequests: deps.gateway.router.stats.total,
    }),
    'endpoint.token': async () => ({ token: deps.token.get() }),
    'endpoint.rotateToken': async () => ({ token: await deps.token.rotate() }),

    'providers.list': async () => {
      const stored = new Map(
        (deps.keys ? await deps.keys.list().catch(() => []) : []).map((k) => [k.provider, k.masked]),
      )
      const table = providerTable(deps.config, { headless, env })
      const ids = new Set([...PRESETS.keys(), ...Object.keys(deps.config.providers)])
      return [...ids].map((id) => {
        const cfg = deps.config.providers[id]
        const preset = PRESETS.get(cfg?.kind ?? id) ?? PRESETS.get('openai-compatible')!
        const fromEnv = headless && (Boolean(cfg?.apiKey) || preset.envKeys.some((k) => env[k]))
        return {
          id,
          label: id === preset.id ? preset.label : `${id} (${preset.label})`,
          local: preset.local,
          keyRequired: preset.keyRequired,
          configured: table.has(id),
          baseUrl: table.get(id)?.baseUrl ?? cfg?.baseUrl ?? preset.baseUrl,
          masked: stored.get(id) ?? null,
          keyFromEnvOrConfig: fromEnv,
          docs: preset.docs,
        }
      })
    },
    'providers.add': async ({ id, kind, baseUrl }) => {
      const preset = PRESETS.get(kind ?? id)
      if (!preset)
        throw new GatewayError(
          400,
          `Unknown provider '${kind ?? id}'. Pick one from the list, or use kind openai-compatible with a base URL.`,
          { code: 'unknown_provider' },
        )
      if (!preset.baseUrl && !baseUrl)
        throw new GatewayError(400, `${preset.label} needs a base URL.`, {
          code: 'base_url_required',
          param: 'baseUrl',
        })
      await saveConfig((raw) => {
        const providers = (raw.providers ??= {}) as Record<string, Record<string, unknown>>
        const entry = (providers[id] ??= {})
        if (kind && kind !== id) entry.kind = kind
        if (baseUrl) entry.baseUrl = baseUrl
        entry.enabled = true
      })
      return { ok: true as const }
    },
    'providers.remove': async ({ id }) => {
      const had = Object.hasOwn(deps.config.providers, id)
      if (had)
        await saveConfig((raw) => {
          delete (raw.providers as Record<string, unknown> | undefined)?.[id]
        })
      return { removed: had }
    },
    'providers.detectLocal': async () => {
      const ids = ['ollama', 'lmstudio'] as const
      return Promise.all(
        ids.map(async (id) => {
          const preset = PRESETS.get(id)!
          const baseUrl = deps.localProbes?.[id] ?? deps.config.providers[id]?.baseUrl ?? preset.baseUrl
          const models = await probe(baseUrl)
          return { id, label: preset.label, baseUrl, found: models !== null, models: models ?? 0 }
        }),
      )
    },

    'keys.set': async ({ provider, key }) => {
      const keys = keyService()
      await keys.set(provider, key.trim())
      if (!Object.hasOwn(deps.config.providers, provider) && PRESETS.has(provider)) {
        await saveConfig((raw) => {
          ;((raw.providers ??= {}) as Record<string, unknown>)[provider] = {}
        })
      } else reload()
      const masked = (await keys.list()).find((k) => k.provider === provider)?.masked ?? '••••'
      return { masked }
    },
    'keys.test': async ({ provider, key }) => keyService().test(provider, key?.trim()),
    'keys.delete': async ({ provider }) => {
      const deleted = await keyService().delete(provider)
      reload()
      return { deleted }
    },
    'keys.list': async () => (deps.keys ? deps.keys.list() : []),

    'settings.get': async () => settings(),
    'settings.update': async (patch) => {
      // Refused as a bad payload (400, the field and why), like a pattern that does not compile.
      for (const list of ['always', 'never'] as const)
        for (const [i, p] of (patch.redaction?.[list]?.patterns ?? []).entries()) {
          const why = catastrophicBacktracking(p)
          if (why)
            throw new GatewayError(
              400,
              `Invalid settings.update request: redaction.${list}.patterns.${i}: ${why}`,
              {
                code: 'invalid_request',
              },
            )
        }
      await saveConfig((raw) => {
        if (patch.allowedOrigins)
          ((raw.server ??= {}) as Record<string, unknown>).allowedOrigins = patch.allowedOrigins
        if (patch.port !== undefined) ((raw.server ??= {}) as Record<string, unknown>).port = patch.port
        if (patch.redaction) {
          const red = (raw.redaction ??= {}) as Record<string, unknown>
          for (const [k, v] of Object.entries(patch.redaction)) if (v !== undefined) red[k] = v
        }
      })
      return settings()
    },

    'conversations.list': async () => deps.history.list(),
    'conversations.get': async ({ id }) => deps.history.get(id),
    'conversations.save': async ({ conversation }) => {
      const saved = await deps.history.save(conversation)
      return { updatedAt: saved.updatedAt }
    },
    'conversations.rename': async ({ id, title }) => {
      await deps.history.rename(id, title)
      return { ok: true as const }
    },
    'conversations.delete': async ({ id }) => ({ deleted: await deps.history.delete(id) }),
    'conversations.search': async ({ query, limit }) => deps.history.search(query, limit),
    'conversations.export': async ({ id, format }) => {
      const c = await deps.history.get(id)
      const base =
        (c.title || 'conversation')
          .replace(/[^\w .-]+/g, '')
          .trim()
          .slice(0, 60) || 'conversation'
      return format === 'json'
        ? { filename: `${base}.json`, mimeType: 'application/json', content: JSON.stringify(c, null, 2) }
        : { filename: `${base}.md`, mimeType: 'text/markdown', content: toMarkdown(c) }
    },
  }
}
