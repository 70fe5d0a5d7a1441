import { useEffect, useState } from 'react'
import type { BridgeResponse } from '../../../shared/bridge'
import { useApp } from '../store/app'

const CLOUD = [
  'openai',
  'anthropic',
  'gemini',
  'mistral',
  'groq',
  'deepseek',
  'xai',
  'openrouter',
  'together',
  'fireworks',
  'cerebras',
  'perplexity',
]

/** First run: add a key (stored in the keychain) or use a local Ollama / LM Studio, then chat. */
export function Onboarding() {
  const bridge = useApp((s) => s.bridge)!
  const providers = useApp((s) => s.providers)
  const refresh = useApp((s) => s.refreshProviders)
  const loadModels = useApp((s) => s.loadModels)
  const cloud = providers.filter((p) => CLOUD.includes(p.id))
  const [provider, setProvider] = useState(cloud.find((p) => p.configured)?.id ?? cloud[0]?.id ?? 'openai')
  const [key, setKey] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [local, setLocal] = useState<BridgeResponse<'providers.detectLocal'> | null>(null)
  useEffect(() => {
    void bridge.invoke('providers.detectLocal', {}).then(setLocal, () => setLocal([]))
  }, [bridge])
  const label = providers.find((p) => p.id === provider)?.label ?? provider
  const done = async () => {
    await refresh()
    await loadModels()
  }
  return (
    <main className="onboarding" aria-label="Get started">
      <div className="card">
        <h1>Welcome to LocalRouter</h1>
        <p>
          One window for every model. Add a provider key — it goes into your OS keychain and never leaves this
          machine except to that provider — or use a model running locally with Ollama or LM Studio.
        </p>
        <form
          onSubmit={async (e) => {
            e.preventDefault()
            setBusy(true)
            setError(null)
            try {
              const t = await bridge.invoke('keys.test', { provider, key })
              if (t.status === 'invalid') {
                setError(
                  `${label} refused this key (${t.message}). Check that you copied all of it, and that it is active in your ${label} account.`,
                )
                return
              }
              await bridge.invoke('keys.set', { provider, key })
              if (t.status === 'unreachable')
                useApp.getState().notify(`Key saved; ${label} could not be reached to check it.`)
              await done()
            } catch (err) {
              setError((err as Error).message)
            } finally {
              setBusy(false)
            }
          }}
        >
          <h2>Add a provider key</h2>
          <div className="row">
            <select aria-label="Provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
              {cloud.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
            <input
              type="password"
              autoComplete="off"
              spellCheck={false}
              aria-label={`${label} API key`}
              placeholder={`${label} API key`}
              value={key}
              onChange={(e) => setKey(e.target.value)}
            />
            <button type="submit" className="primary" disabled={busy || !key.trim()}>
              {busy ? 'Checking…' : 'Save and start'}
            </button>
          </div>
          {error && (
            <p className="status error" role="alert">
              {error}
            </p>
          )}
        </form>
        <div className="or">or</div>
        <section aria-label="Local models">
          <h2>Use a local model</h2>
          {!local && <p className="muted">Looking for Ollama (port 11434) and LM Studio (port 1234)…</p>}
          {local?.map((l) => (
            <div key={l.id} className="row local">
              <span>
                <strong>{l.label}</strong> <span className="muted small">{l.baseUrl}</span>
              </span>
              <span className="spacer" />
              {l.found ? (
                <button
                  type="button"
                  className="primary small"
                  onClick={async () => {
                    await bridge.invoke('providers.add', {
                      id: l.id,
                      ...(l.baseUrl !== providers.find((p) => p.id === l.id)?.baseUrl
                        ? { baseUrl: l.baseUrl }
                        : {}),
                    })
                    await done()
                  }}
                >
                  Use {l.label} ({l.models} models)
                </button>
              ) : (
                <span className="muted small">not running</span>
              )}
            </div>
          ))}
        </section>
      </div>
    </main>
  )
}
