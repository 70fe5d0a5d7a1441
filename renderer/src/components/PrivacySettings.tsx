import { type ReactNode, useState } from 'react'
import { ENTITY_NOUNS, ENTITY_TYPES } from '../../../shared/entities'
import type { RedactionMode } from '../../../shared/history'
import { defaultModeFor, type RedactionSettings, UserPatternSchema } from '../../../shared/redact'
import { useApp } from '../store/app'

const MODES: Array<[RedactionMode, string]> = [
  ['off', 'Off: messages go as you typed them.'],
  [
    'mask',
    'Mask: emails, phone numbers, cards, keys, names and your own terms are replaced by placeholders before sending, and restored in the answer.',
  ],
  ['block', 'Block: a message with sensitive text is not sent at all.'],
]

/** The detectors a user can switch off (the always-redact list is its own setting). */
const DETECTED = ENTITY_TYPES.filter((t) => t !== 'TERM')

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

/** The first pattern that does not compile, in the schema's words; null when all do. */
function badPattern(patterns: string[], list: string): string | null {
  for (const [i, p] of patterns.entries()) {
    const r = UserPatternSchema.safeParse(p)
    if (!r.success) return `${list} patterns, line ${i + 1} (${p}): ${r.error.issues[0]!.message}`
  }
  return null
}

/** Settings > Privacy: the config's `redaction` section, applied by the gateway from the next request. */
export function PrivacySettings() {
  const bridge = useApp((s) => s.bridge)!
  const settings = useApp((s) => s.settings)
  const providers = useApp((s) => s.providers)
  const current = useApp((s) => s.current)
  const patch = useApp((s) => s.patchCurrent)
  const r = settings?.redaction
  const [draft, setDraft] = useState(() => ({
    alwaysTerms: (r?.always.terms ?? []).join('\n'),
    alwaysPatterns: (r?.always.patterns ?? []).join('\n'),
    neverTerms: (r?.never.terms ?? []).join('\n'),
    neverPatterns: (r?.never.patterns ?? []).join('\n'),
    phoneRegion: r?.phoneRegion ?? 'US',
  }))
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  /** Switches show their new state at once, before the gateway has saved it (and revert if it fails). */
  const [pending, setPending] = useState<Partial<RedactionSettings>>({})
  if (!r) return null
  const effective = { ...r, ...pending }
  const update = async (
    redaction: Partial<RedactionSettings>,
    done: string,
    explain: (message: string) => string = (m) => m,
  ) => {
    try {
      const s = await bridge.invoke('settings.update', { redaction })
      useApp.getState().applySettings(s)
      setStatus({ kind: 'ok', text: done })
    } catch (err) {
      setStatus({ kind: 'error', text: explain((err as Error).message) })
    }
  }
  const toggle = async (patch: Partial<RedactionSettings>, done: string) => {
    setPending((p) => ({ ...p, ...patch }))
    await update(patch, done)
    // Drop what this call set, unless a later switch has replaced it meanwhile.
    setPending((p) => {
      const next = { ...p }
      for (const k of Object.keys(patch) as Array<keyof RedactionSettings>)
        if (next[k] === patch[k]) delete next[k]
      return next
    })
  }
  /** A yes/no setting as a checkbox; `said` is the status line for [on, off]. */
  const onOff = (
    field: 'keepSecretsMasked' | 'privateIps',
    label: ReactNode,
    said: readonly [on: string, off: string],
  ) => (
    <label className="radio">
      <input
        type="checkbox"
        checked={effective[field]}
        onChange={(e) => void toggle({ [field]: e.target.checked }, said[e.target.checked ? 0 : 1])}
      />{' '}
      {label}
    </label>
  )
  const saveLists = () => {
    const always = { terms: lines(draft.alwaysTerms), patterns: lines(draft.alwaysPatterns) }
    const never = { terms: lines(draft.neverTerms), patterns: lines(draft.neverPatterns) }
    const bad = badPattern(always.patterns, 'Always') ?? badPattern(never.patterns, 'Never')
    if (bad) return setStatus({ kind: 'error', text: `Not saved: ${bad}.` })
    // The gateway refuses what only it can check (a pattern that can take exponential time): said by line too.
    void update({ always, never }, 'Lists saved; they apply from the next message.', (message) => {
      const hit = /redaction\.(always|never)\.patterns\.(\d+): (.*)$/s.exec(message)
      if (!hit) return message
      const i = Number(hit[2])
      const p = (hit[1] === 'always' ? always : never).patterns[i]
      return `Not saved: ${capitalize(hit[1]!)} patterns, line ${i + 1} (${p}): ${hit[3]}.`
    })
  }
  // Providers worth listing: set up here, or with an entry of their own.
  const shown = providers.filter(
    (p) =>
      p.id !== 'openai-compatible' &&
      (p.configured || p.masked || p.keyFromEnvOrConfig || r.providers[p.id] !== undefined),
  )
  return (
    <>
      <p className="muted">
        Redaction runs on this machine before a prompt leaves it. If it cannot run, nothing is sent (fails
        closed). Use Preview next to Send to see exactly what will leave. Changes apply from the next request,
        in this window and for every app using the local endpoint.
      </p>
      <fieldset>
        <legend>Default for cloud providers</legend>
        {MODES.map(([m, text]) => (
          <label key={m} className="radio">
            <input
              type="radio"
              name="redaction-mode"
              value={m}
              checked={r.mode === m}
              onChange={() => void update({ mode: m }, `Default set to ${m}.`)}
            />{' '}
            {text}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Per provider</legend>
        <p className="muted small">
          Providers on this machine (Ollama, LM Studio) default to off: nothing leaves the machine.
        </p>
        <ul className="privacy-providers">
          {shown.map((p) => {
            const fallback = defaultModeFor({ mode: r.mode, providers: {} }, p)
            return (
              <li key={p.id} className="row">
                <label htmlFor={`redact-${p.id}`}>{p.label}</label>
                <span className="spacer" />
                <select
                  id={`redact-${p.id}`}
                  aria-label={`Redaction for ${p.label}`}
                  value={r.providers[p.id] ?? 'default'}
                  onChange={(e) => {
                    const providers = { ...r.providers }
                    if (e.target.value === 'default') delete providers[p.id]
                    else providers[p.id] = e.target.value as RedactionMode
                    void update({ providers }, `${p.label}: ${e.target.value}.`)
                  }}
                >
                  <option value="default">
                    default ({fallback}
                    {p.local ? ', on this machine' : ''})
                  </option>
                  <option value="off">off</option>
                  <option value="mask">mask</option>
                  <option value="block">block</option>
                </select>
              </li>
            )
          })}
        </ul>
      </fieldset>
      <fieldset>
        <legend>Your lists</legend>
        <p className="muted small">
          One per line. Terms match whole words, any case. Patterns are regular expressions (
          <code>PRJ-\d{'{4}'}</code>, or <code>/source/flags</code>).
        </p>
        <div className="lists">
          <label>
            Always redact: terms
            <textarea
              rows={3}
              value={draft.alwaysTerms}
              placeholder={'Your name\nYour employer\nProject Falcon'}
              onChange={(e) => setDraft({ ...draft, alwaysTerms: e.target.value })}
            />
          </label>
          <label>
            Always redact: patterns
            <textarea
              rows={3}
              spellCheck={false}
              value={draft.alwaysPatterns}
              placeholder="PRJ-\d{4}"
              onChange={(e) => setDraft({ ...draft, alwaysPatterns: e.target.value })}
            />
          </label>
          <label>
            Never redact: terms
            <textarea
              rows={3}
              value={draft.neverTerms}
              placeholder="support@example.com"
              onChange={(e) => setDraft({ ...draft, neverTerms: e.target.value })}
            />
          </label>
          <label>
            Never redact: patterns
            <textarea
              rows={3}
              spellCheck={false}
              value={draft.neverPatterns}
              onChange={(e) => setDraft({ ...draft, neverPatterns: e.target.value })}
            />
          </label>
        </div>
        <div className="row end">
          <button type="button" className="small primary" onClick={saveLists}>
            Save lists
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Details</legend>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault()
            const region = draft.phoneRegion.trim().toUpperCase()
            void update({ phoneRegion: region }, `Phone region set to ${region}.`)
          }}
        >
          <label>
            Phone region (for numbers without a country code){' '}
            <input
              className="narrow"
              value={draft.phoneRegion}
              maxLength={2}
              onChange={(e) => setDraft({ ...draft, phoneRegion: e.target.value })}
            />
          </label>
          <button type="submit" className="small">
            Save region
          </button>
        </form>
        {onOff(
          'keepSecretsMasked',
          <>
            Keep keys and passwords masked in answers (they stay <code>&lt;SECRET_n&gt;</code>)
          </>,
          ['Keys and passwords stay masked in answers.', 'Keys and passwords are restored in answers.'],
        )}
        {onOff('privateIps', 'Treat private network addresses (10.x, 192.168.x, fd00::/8, …) as sensitive', [
          'Private network addresses are redacted too.',
          'Private network addresses are sent as they are.',
        ])}
      </fieldset>
      <fieldset>
        <legend>What is detected</legend>
        <p className="muted small">
          Everything is detected unless you switch it off here. Your always-redact list above applies either
          way.
        </p>
        <div className="checks">
          {DETECTED.map((type) => {
            const on = !effective.disabled.includes(type)
            const name = ENTITY_NOUNS[type][1]
            return (
              <label key={type} className="radio">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() =>
                    void toggle(
                      {
                        disabled: on
                          ? [...effective.disabled, type]
                          : effective.disabled.filter((t) => t !== type),
                      },
                      on
                        ? `${capitalize(name)} are no longer detected.`
                        : `${capitalize(name)} are detected again.`,
                    )
                  }
                />{' '}
                {capitalize(name)}
              </label>
            )
          })}
        </div>
      </fieldset>
      {status && (
        <p className={`status ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      <fieldset>
        <legend>This conversation</legend>
        <select
          aria-label="Redaction for this conversation"
          value={current.redaction}
          onChange={(e) => patch({ redaction: e.target.value as RedactionMode })}
        >
          <option value="off">off</option>
          <option value="mask">mask</option>
          <option value="block">block</option>
        </select>{' '}
        <span className="muted small">
          {current.redactionPinned ? 'chosen for this conversation' : 'the default for its provider'}
        </span>
      </fieldset>
    </>
  )
}
