import { useEffect, useState } from 'react'
import { useApp, type Provider, type SettingsSection } from '../store/app'
import { usePrefs, type Theme } from '../store/prefs'
import { Dialog } from './Dialog'
import { CopyButton } from './CopyButton'
import { PrivacySettings } from './PrivacySettings'

function errorText(err: unknown): string {
  return (err as Error)?.message ?? String(err)
}

function ProviderRow({ p }: { p: Provider }) {
  const bridge = useApp((s) => s.bridge)!
  const refresh = useApp((s) => s.refreshProviders)
  const loadModels = useApp((s) => s.loadModels)
  const [key, setKey] = useState('')
  const [status, setStatus] = useState<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    try {
      await work()
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) })
    } finally {
      setBusy(false)
    }
  }
  const save = () =>
    run(async () => {
      const test = await bridge.invoke('keys.test', { provider: p.id, key })
      if (test.status === 'invalid') {
        setStatus({ kind: 'error', text: `${p.label} refused this key: ${test.message} It was not saved.` })
        return
      }
      const r = await bridge.invoke('keys.set', { provider: p.id, key })
      setKey('')
      setStatus(
        test.status === 'ok'
          ? { kind: 'ok', text: `Saved in the OS keychain as ${r.masked}. The key works.` }
          : {
              kind: 'info',
              text: `Saved as ${r.masked}, but ${p.label} could not be reached to check it: ${test.message}`,
            },
      )
      await refresh()
      await loadModels()
    })
  return (
    <li className="provider" aria-label={p.label}>
      <div className="provider-head">
        <strong>{p.label}</strong>
        <span className="muted small">{p.baseUrl ? new URL(p.baseUrl).host : 'needs a base URL'}</span>
        <span className="spacer" />
        {p.masked && (
          <code className="masked" aria-label={`Stored key ${p.masked}`}>
            {p.masked}
          </code>
        )}
        {!p.masked && p.keyFromEnvOrConfig && <span className="badge">key from env/config</span>}
        {p.local && (p.configured ? <span className="badge ok">enabled</span> : null)}
      </div>
      {p.keyRequired ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            if (key.trim()) void save()
          }}
        >
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            aria-label={`${p.label} API key`}
            placeholder={p.masked ? 'Replace key…' : 'Paste API key'}
            value={key}
            onChange={(e) => setKey(e.target.value)}
          />
          <button type="submit" className="primary small" disabled={busy || !key.trim()}>
            Save key
          </button>
          {p.masked && (
            <>
              <button
                type="button"
                className="small"
                disabled={busy}
                onClick={() =>
                  run(async () => {
                    const t = await bridge.invoke('keys.test', { provider: p.id })
                    setStatus({ kind: t.status === 'ok' ? 'ok' : 'error', text: t.message })
                  })
                }
              >
                Test
              </button>
              <button
                type="button"
                className="small danger-text"
                disabled={busy}
                aria-label={`Remove ${p.label} key`}
                onClick={() =>
                  run(async () => {
                    await bridge.invoke('keys.delete', { provider: p.id })
                    setStatus({ kind: 'info', text: 'Key removed from the keychain.' })
                    await refresh()
                    await loadModels()
                  })
                }
              >
                Remove
              </button>
            </>
          )}
        </form>
      ) : (
        <div className="row">
          {p.configured ? (
            <button
              type="button"
              className="small"
              onClick={() =>
                run(async () => {
                  await bridge.invoke('providers.remove', { id: p.id })
                  await refresh()
                  await loadModels()
                })
              }
            >
              Disable
            </button>
          ) : (
            <button
              type="button"
              className="small"
              onClick={() =>
                run(async () => {
                  await bridge.invoke('providers.add', { id: p.id })
                  await refresh()
                  await loadModels()
                })
              }
            >
              Enable
            </button>
          )}
        </div>
      )}
      {status && (
        <p className={`status ${status.kind}`} role="status">
          {status.text}
        </p>
      )}
    </li>
  )
}

function Providers() {
  const providers = useApp((s) => s.providers)
  const shown = providers.filter((p) => p.id !== 'openai-compatible' && p.id !== 'azure')
  const ready = shown.filter((p) => p.masked || p.keyFromEnvOrConfig || (p.local && p.configured))
  const rest = shown.filter((p) => !ready.includes(p))
  return (
    <>
      <p className="muted">
        Keys are stored in your OS keychain and never shown again (only a masked form). The app talks to each
        provider directly.
      </p>
      <ul className="providers">
        {[...ready, ...rest].map((p) => (
          <ProviderRow key={p.id} p={p} />
        ))}
      </ul>
    </>
  )
}

function Endpoint() {
  const bridge = useApp((s) => s.bridge)!
  const ep = useApp((s) => s.endpoint)
  const settings = useApp((s) => s.settings)
  const [info, setInfo] = useState<{ running: boolean; inFlight: number; totalRequests: number } | null>(null)
  const [origins, setOrigins] = useState((settings?.allowedOrigins ?? []).join('\n'))
  const [port, setPort] = useState(String(settings?.port ?? ''))
  const [msg, setMsg] = useState<string | null>(null)
  const [snippet, setSnippet] = useState<'curl' | 'js' | 'python' | 'editors'>('curl')
  useEffect(() => {
    void bridge.invoke('endpoint.info', {}).then(setInfo)
  }, [bridge])
  if (!ep) return null
  const base = ep.baseUrl
  const tok = ep.token
  const snippets = {
    curl: `curl ${base}/chat/completions \\\n  -H "Authorization: Bearer ${tok}" -H 'content-type: application/json' \\\n  -d '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'`,
    js: `import OpenAI from 'openai'\n\nconst client = new OpenAI({ baseURL: '${base}', apiKey: '${tok}' })\nconst r = await client.chat.completions.create({\n  model: 'openai/gpt-4o-mini',\n  messages: [{ role: 'user', content: 'Hello' }],\n})`,
    python: `from openai import OpenAI\n\nclient = OpenAI(base_url="${base}", api_key="${tok}")\nr = client.chat.completions.create(\n    model="openai/gpt-4o-mini",\n    messages=[{"role": "user", "content": "Hello"}],\n)`,
    editors: `# Any tool with an "OpenAI-compatible" option (Continue, Cline, Zed, Aider, LibreChat…)\nBase URL: ${base}\nAPI key:  ${tok}\nModel:    provider/model, e.g. openai/gpt-4o-mini\n\n# Aider\naider --openai-api-base ${base} --openai-api-key ${tok} --model openai/openai/gpt-4o-mini\n\n# Environment for tools that read it\nexport OPENAI_BASE_URL=${base}\nexport OPENAI_API_KEY=${tok}`,
  }
  return (
    <>
      <p>
        Status:{' '}
        <strong className={info?.running ? 'ok-text' : ''}>
          {info ? (info.running ? 'running' : 'stopped') : '…'}
        </strong>
        {info && (
          <span className="muted">
            {' '}
            · {info.totalRequests} requests served, {info.inFlight} in flight
          </span>
        )}
      </p>
      <div className="field">
        <span className="label">Base URL</span>
        <code className="value">{base}</code>
        <CopyButton text={base} label="Copy base URL" />
      </div>
      <div className="field">
        <span className="label">API token</span>
        <code className="value" aria-label="API token">
          {tok}
        </code>
        <CopyButton text={tok} label="Copy API token" />
        <button
          type="button"
          className="small danger-text"
          onClick={async () => {
            if (
              !confirm(
                'Rotate the token? Apps using the current one stop working until you give them the new one.',
              )
            )
              return
            const r = await bridge.invoke('endpoint.rotateToken', {})
            useApp.setState({ endpoint: { baseUrl: base, token: r.token } })
            setMsg('New token in use. Update your other apps.')
          }}
        >
          Rotate
        </button>
      </div>
      <form
        className="field"
        onSubmit={async (e) => {
          e.preventDefault()
          try {
            const s = await bridge.invoke('settings.update', { port: Number(port) })
            useApp.getState().applySettings(s)
            setMsg(`Saved: LocalRouter listens on port ${s.port} from its next start.`)
          } catch (err) {
            setMsg(errorText(err))
          }
        }}
      >
        <label className="label" htmlFor="endpoint-port">
          Port
        </label>
        <input
          id="endpoint-port"
          className="narrow-port"
          type="number"
          min={1024}
          max={65535}
          value={port}
          onChange={(e) => setPort(e.target.value)}
        />
        <button type="submit" className="small">
          Save port
        </button>
      </form>
      <h3>Use it from other apps</h3>
      <div className="tabs" role="tablist" aria-label="Snippets">
        {(['curl', 'js', 'python', 'editors'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={snippet === k}
            className={snippet === k ? 'active small' : 'small ghost'}
            onClick={() => setSnippet(k)}
          >
            {{ curl: 'curl', js: 'OpenAI JS', python: 'OpenAI Python', editors: 'Editors & agents' }[k]}
          </button>
        ))}
      </div>
      <div className="code-block">
        <div className="code-head">
          <span className="code-lang">{snippet}</span>
          <CopyButton text={snippets[snippet]} label="Copy snippet" />
        </div>
        <pre>
          <code>{snippets[snippet]}</code>
        </pre>
      </div>
      <h3>Allowed browser origins</h3>
      <p className="muted small">
        Web apps at these origins may call the endpoint from a browser (with the token). One per line, like
        http://localhost:3000. They can chat; they can never read settings or keys.
      </p>
      <form
        onSubmit={async (e) => {
          e.preventDefault()
          try {
            const list = origins.split(/\s+/).filter(Boolean)
            const s = await bridge.invoke('settings.update', { allowedOrigins: list })
            useApp.getState().applySettings(s)
            setMsg('Allowed origins saved.')
          } catch (err) {
            setMsg(errorText(err))
          }
        }}
      >
        <textarea
          aria-label="Allowed origins"
          rows={3}
          value={origins}
          onChange={(e) => setOrigins(e.target.value)}
          placeholder="http://localhost:3000"
        />
        <div className="row end">
          <button type="submit" className="small primary">
            Save origins
          </button>
        </div>
      </form>
      {msg && (
        <p role="status" className="status info">
          {msg}
        </p>
      )}
    </>
  )
}

function Appearance() {
  const theme = usePrefs((s) => s.theme)
  const setTheme = usePrefs((s) => s.setTheme)
  return (
    <fieldset>
      <legend>Theme</legend>
      {(['light', 'dark', 'system'] as Theme[]).map((t) => (
        <label key={t} className="radio">
          <input type="radio" name="theme" checked={theme === t} onChange={() => setTheme(t)} />{' '}
          {t[0]!.toUpperCase() + t.slice(1)}
        </label>
      ))}
    </fieldset>
  )
}

const SECTIONS: Array<[SettingsSection, string]> = [
  ['providers', 'Providers & keys'],
  ['endpoint', 'Local endpoint'],
  ['privacy', 'Privacy'],
  ['appearance', 'Appearance'],
]

export function Settings({ section }: { section: SettingsSection }) {
  const open = useApp((s) => s.openSettings)
  return (
    <Dialog label="Settings" onClose={() => open(null)} wide>
      <div className="settings">
        <nav className="settings-nav" aria-label="Settings sections">
          <h2>Settings</h2>
          {SECTIONS.map(([id, label]) => (
            <button
              key={id}
              type="button"
              className={section === id ? 'active' : 'ghost'}
              aria-current={section === id ? 'page' : undefined}
              onClick={() => open(id)}
            >
              {label}
            </button>
          ))}
        </nav>
        <section className="settings-body" aria-label={SECTIONS.find((s) => s[0] === section)![1]}>
          <div className="row">
            <h2>{SECTIONS.find((s) => s[0] === section)![1]}</h2>
            <span className="spacer" />
            <button type="button" className="ghost" aria-label="Close settings" onClick={() => open(null)}>
              ✕
            </button>
          </div>
          {section === 'providers' && <Providers />}
          {section === 'endpoint' && <Endpoint />}
          {section === 'privacy' && <PrivacySettings />}
          {section === 'appearance' && <Appearance />}
        </section>
      </div>
    </Dialog>
  )
}
