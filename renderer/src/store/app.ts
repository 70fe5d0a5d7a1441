/**
 * The app store: endpoint, models, providers, conversations, the open conversation and live streams.
 * Streamed text lives in `live` (one entry per streaming message, flushed once per frame) so only the
 * answer being written re-renders; it moves into the conversation when the answer ends.
 */
import { create, type StateCreator } from 'zustand'
import { notForChat } from '../../../shared/models'
import type { BridgeClient, BridgeResponse, Settings } from '../../../shared/bridge'
import type {
  ChatParams,
  Conversation,
  ConversationSummary,
  Message,
  MessageError,
  RedactionMode,
} from '../../../shared/history'
import type { ChatMessage, ModelEntry } from '../../../shared/openai'
import { BridgeError } from '../lib/bridge'
import { type ChatOutcome, reachedProvider, streamChat, toWire } from '../lib/chat'
import { costOf } from '../lib/format'
import { StreamBuffer } from '../lib/streaming'
import { addMessage, newId, pathTo, switchBranch as nextBranch, titleFrom, updateMessage } from '../lib/tree'
import { defaultModeFor } from '../../../shared/redact-mode'
import { usePrefs } from './prefs'

export type Provider = BridgeResponse<'providers.list'>[number]
export type SettingsSection = 'providers' | 'endpoint' | 'privacy' | 'appearance'

export interface CompareColumn {
  id: string
  model: string
  content: string
  status: 'idle' | 'streaming' | 'done' | 'stopped' | 'error'
  error?: MessageError
  meta?: Message['meta']
  reasoning?: string
  reasoningDetails?: Message['reasoningDetails']
}

interface CoreSlice {
  bridge: BridgeClient | null
  ready: boolean
  fatal: string | null
  mode: 'desktop' | 'headless'
  endpoint: { baseUrl: string; token: string } | null
  settings: Settings | null
  providers: Provider[]
  models: ModelEntry[]
  modelErrors: Array<{ provider: string; message: string; code: string | null }>
  modelsLoading: boolean
  toast: string | null
  init(bridge: BridgeClient | null): Promise<void>
  loadModels(): Promise<void>
  refreshProviders(): Promise<void>
  notify(msg: string): void
  /** New settings from the bridge: an open conversation that follows the default picks up its new mode. */
  applySettings(settings: Settings): void
}

interface UiSlice {
  view: 'chat' | 'compare'
  settingsOpen: SettingsSection | null
  pickerOpen: boolean
  /** What a pick changes: the open conversation's model, or adds a compare column. */
  pickerFor: 'chat' | 'compare'
  previewOpen: boolean
  setView(v: 'chat' | 'compare'): void
  openSettings(s: SettingsSection | null): void
  setPicker(open: boolean, target?: 'chat' | 'compare'): void
  setPreview(open: boolean): void
}

interface ChatSlice {
  conversations: ConversationSummary[]
  current: Conversation
  live: Record<string, string>
  streaming: string[]
  newChat(): void
  open(id: string): Promise<void>
  remove(id: string): Promise<void>
  rename(id: string, title: string): Promise<void>
  refreshList(): Promise<void>
  setModel(model: string): void
  patchCurrent(patch: Partial<Pick<Conversation, 'systemPrompt' | 'params' | 'redaction' | 'title'>>): void
  send(text: string, images?: string[]): Promise<void>
  regenerate(assistantId: string, model?: string): Promise<void>
  editAndResend(userId: string, text: string): Promise<void>
  stop(): void
  switchBranch(id: string, step: -1 | 1): void
}

interface CompareSlice {
  compare: { prompt: string; columns: CompareColumn[] }
  setCompareModels(models: string[]): void
  runCompare(prompt: string): Promise<void>
  stopCompare(): void
  continueColumn(columnId: string): Promise<void>
}

export type AppState = CoreSlice & UiSlice & ChatSlice & CompareSlice

const controllers = new Map<string, AbortController>()

function emptyConversation(model: string, redaction: RedactionMode): Conversation {
  const now = Date.now()
  return {
    id: newId(),
    title: 'New chat',
    createdAt: now,
    updatedAt: now,
    model,
    systemPrompt: '',
    params: {},
    redaction,
    messages: [],
    currentLeafId: null,
    sentTo: [],
  }
}

function errorOf(err: unknown): string {
  return err instanceof BridgeError || err instanceof Error ? err.message : String(err)
}

const wireParams = (p: ChatParams) => ({
  temperature: p.temperature,
  max_tokens: p.maxTokens,
  reasoning_effort: p.reasoningEffort,
})

const createCore: StateCreator<AppState, [], [], CoreSlice> = (set, get) => ({
  bridge: null,
  ready: false,
  fatal: null,
  mode: 'headless',
  endpoint: null,
  settings: null,
  providers: [],
  models: [],
  modelErrors: [],
  modelsLoading: false,
  toast: null,
  async init(bridge) {
    if (!bridge) {
      set({
        fatal:
          'This tab has no session key. Open the link that `npm start` (or `npm run serve -- --ui`) printed in your terminal: it carries the key for this session.',
      })
      return
    }
    set({ bridge })
    try {
      const [info, ep, tok, settings] = await Promise.all([
        bridge.invoke('app.info', {}),
        bridge.invoke('endpoint.info', {}),
        bridge.invoke('endpoint.token', {}),
        bridge.invoke('settings.get', {}),
      ])
      set({ mode: info.mode, endpoint: { baseUrl: ep.baseUrl, token: tok.token }, settings })
      const model = usePrefs.getState().lastModel ?? ''
      set({ current: emptyConversation(model, 'off') })
      await Promise.all([get().refreshProviders(), get().refreshList(), get().loadModels()])
      set({ current: followDefault(get().current, get()), ready: true })
    } catch (err) {
      set({ fatal: `LocalRouter did not answer: ${errorOf(err)}` })
    }
  },
  async loadModels() {
    const ep = get().endpoint
    if (!ep) return
    set({ modelsLoading: true })
    try {
      const res = await fetch(`${ep.baseUrl}/models`, { headers: { authorization: `Bearer ${ep.token}` } })
      const body = (await res.json()) as {
        data?: ModelEntry[]
        errors?: Array<{ provider: string; error: { message: string; code: string | null } }>
      }
      const models = body.data ?? []
      set({
        models,
        modelErrors: (body.errors ?? []).map((e) => ({
          provider: e.provider,
          message: e.error.message,
          code: e.error.code,
        })),
      })
      const cur = get().current
      if (models.length && !models.some((m) => m.id === cur.model)) {
        const fallback =
          usePrefs.getState().recents.find((r) => models.some((m) => m.id === r)) ??
          (models.find((m) => !notForChat(m)) ?? models[0]!).id
        if (!cur.messages.length) set({ current: followDefault({ ...cur, model: fallback }, get()) })
      }
    } catch (err) {
      set({ modelErrors: [{ provider: 'localrouter', message: errorOf(err), code: 'offline' }] })
    } finally {
      set({ modelsLoading: false })
    }
  },
  async refreshProviders() {
    const b = get().bridge
    if (!b) return
    set({ providers: await b.invoke('providers.list', {}) })
  },
  applySettings(settings) {
    set({ settings })
    set({ current: followDefault(get().current, get()) })
  },
  notify(msg) {
    set({ toast: msg })
    setTimeout(() => {
      if (get().toast === msg) set({ toast: null })
    }, 2500)
  },
})

const createUi: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  view: 'chat',
  settingsOpen: null,
  pickerOpen: false,
  pickerFor: 'chat',
  previewOpen: false,
  setView: (view) => set({ view }),
  openSettings: (settingsOpen) => set({ settingsOpen }),
  setPicker: (pickerOpen, target = 'chat') => set({ pickerOpen, pickerFor: target }),
  setPreview: (previewOpen) => set({ previewOpen }),
})

/** The `live` key under which the reasoning of the stream `key` grows (shown apart from its answer). */
export const reasoningKey = (key: string): string => `${key}#reasoning`

/** The part of an update that ends the live stream `key` (merged into the update that stores its text). */
function endLive(s: AppState, key: string): Pick<AppState, 'live' | 'streaming'> {
  const live = { ...s.live }
  delete live[key]
  delete live[reasoningKey(key)]
  return { live, streaming: s.streaming.filter((k) => k !== key) }
}

/** Streams into `live` and returns the outcome; the caller writes the finished message with `endLive`. */
async function runStream(
  get: () => AppState,
  set: (p: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void,
  key: string,
  model: string,
  messages: ChatMessage[],
  params: ChatParams,
  redaction: RedactionMode,
): Promise<{
  outcome: ChatOutcome
  text: string
  meta: Message['meta']
  reasoning: Pick<Message, 'reasoning' | 'reasoningDetails' | 'images' | 'imagePlaces'>
}> {
  const ep = get().endpoint!
  const ac = new AbortController()
  controllers.set(key, ac)
  let text = ''
  const buffer = new StreamBuffer((updates) =>
    set((s) => {
      const live = { ...s.live }
      for (const [k, t] of updates) live[k] = (live[k] ?? '') + t
      return { live }
    }),
  )
  set((s) => ({ live: { ...s.live, [key]: '' }, streaming: [...s.streaming, key] }))
  const outcome = await streamChat({
    baseUrl: ep.baseUrl,
    token: ep.token,
    model,
    messages,
    params: wireParams(params),
    redaction,
    signal: ac.signal,
    onText: (t) => {
      text += t
      buffer.push(key, t)
    },
    onReasoning: (t) => buffer.push(reasoningKey(key), t),
  })
  buffer.drain()
  controllers.delete(key)
  // `live[key]` stays until the caller writes the finished text (with `endLive`) in the same update,
  // so the answer on screen never blinks empty between the two.
  const pricing = get().models.find((m) => m.id === model)?.pricing
  const meta: Message['meta'] = {
    ttftMs: outcome.ttftMs,
    answerMs: outcome.answerMs,
    totalMs: outcome.totalMs,
    tokensIn: outcome.usage?.prompt_tokens,
    tokensOut: outcome.usage?.completion_tokens,
    cachedTokens: outcome.usage?.prompt_tokens_details?.cached_tokens || undefined,
    reasoningTokens: outcome.usage?.completion_tokens_details?.reasoning_tokens || undefined,
    cost: costOf(outcome.usage, pricing),
    provider: outcome.provider,
    // A refused request carries the counts header too, but nothing was replaced and sent.
    redacted: (outcome.redacted && outcome.status !== 'error') || undefined,
    warnings: outcome.warnings.length ? outcome.warnings : undefined,
    // A plain stop (or tool calls, which this chat does not make) needs no word; a cut-off answer does.
    finishReason:
      outcome.finishReason === 'length' || outcome.finishReason === 'content_filter'
        ? outcome.finishReason
        : undefined,
  }
  const reasoning = {
    ...(outcome.reasoning ? { reasoning: outcome.reasoning } : {}),
    ...(outcome.reasoningDetails ? { reasoningDetails: outcome.reasoningDetails } : {}),
    ...answerImages(outcome),
  }
  return {
    outcome,
    text,
    reasoning,
    meta: Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)),
  }
}

/** An answer's images (shown with it) and where each stood in it (to send them back in place). */
export function answerImages(outcome: Pick<ChatOutcome, 'images'>): Pick<Message, 'images' | 'imagePlaces'> {
  const images: string[] = []
  const imagePlaces: NonNullable<Message['imagePlaces']> = []
  for (const e of outcome.images ?? []) {
    const u = e.image_url as { url?: unknown } | string | undefined
    const url = typeof u === 'string' ? u : u?.url
    if (typeof url !== 'string' || !url) continue
    images.push(url)
    const place: (typeof imagePlaces)[number] = {}
    if (typeof e.index === 'number') place.index = e.index
    if (typeof e.content_offset === 'number') place.content_offset = e.content_offset
    imagePlaces.push(place)
  }
  return images.length ? { images, imagePlaces } : {}
}

/**
 * The messages a request to `model` carries for the branch `path` (the preview shows exactly these).
 * An answer keeps its `reasoning_details` (thinking with its signature, Gemini's thought signatures) only
 * when the same model continues: another model, or another provider, could not verify them (Anthropic and
 * Gemini leave foreign reasoning out with a warning; an OpenAI-compatible provider may reject the field).
 * Answers with no text (failed, stopped before a word, or filtered whole) are left out: several providers
 * refuse an empty assistant turn.
 */
export function wireMessages(c: Conversation, path: Message[], model = c.model): ChatMessage[] {
  const out: ChatMessage[] = []
  if (c.systemPrompt.trim()) out.push({ role: 'system', content: c.systemPrompt })
  for (const m of path) {
    if (m.role === 'assistant' && (m.status === 'error' || (!m.content && !m.images?.length))) continue
    if (m.role === 'user') {
      out.push(toWire(m.role, m.content, m.images))
      continue
    }
    const wire: ChatMessage = { role: 'assistant', content: m.content }
    if (m.model === model) {
      if (m.reasoningDetails?.length) wire.reasoning_details = m.reasoningDetails
      // The answer's images, in OpenRouter's `images` with their places: back in the model's own turn.
      if (m.images?.length)
        wire.images = m.images.map((url, i) => ({
          type: 'image_url',
          image_url: { url },
          ...m.imagePlaces?.[i],
        }))
    } else if (!m.content) continue
    out.push(wire)
  }
  return out
}

const createChat: StateCreator<AppState, [], [], ChatSlice> = (set, get) => {
  const save = async (c: Conversation) => {
    const b = get().bridge
    if (!b || !c.messages.length) return
    try {
      await b.invoke('conversations.save', { conversation: c })
      await get().refreshList()
    } catch (err) {
      get().notify(`Could not save the conversation: ${errorOf(err)}`)
    }
  }

  /** Adds an assistant reply under `parentId` and streams it. */
  const answer = async (parentId: string, model: string) => {
    const assistant: Message = {
      id: newId(),
      parentId,
      role: 'assistant',
      content: '',
      model,
      createdAt: Date.now(),
      status: 'streaming',
    }
    let c = addMessage(get().current, assistant)
    set({ current: c })
    const started = c
    // Saved before streaming: the question survives a crash mid-answer.
    void save(c)
    const path = pathTo(c.messages, parentId)
    const { outcome, text, meta, reasoning } = await runStream(
      get,
      set,
      assistant.id,
      model,
      wireMessages(c, path, model),
      c.params,
      c.redaction,
    )
    // The user may have switched conversation meanwhile: finish the answer in the copy it started in.
    c = get().current.id === started.id ? get().current : started
    c = updateMessage(c, assistant.id, {
      content: text,
      ...reasoning,
      status: outcome.status,
      ...(outcome.error ? { error: outcome.error } : {}),
      meta,
    })
    if (meta?.redacted && c.messages.find((m) => m.id === parentId)?.role === 'user')
      c = updateMessage(c, parentId, {
        meta: { ...c.messages.find((m) => m.id === parentId)!.meta, redacted: true },
      })
    if (outcome.provider && reachedProvider(outcome)) {
      const host = hostOf(get().providers.find((p) => p.id === outcome.provider)?.baseUrl)
      if (!c.sentTo.some((s) => s.provider === outcome.provider && s.host === host))
        c = { ...c, sentTo: [...c.sentTo, { provider: outcome.provider, host, at: Date.now() }] }
    }
    c = { ...c, updatedAt: Date.now() }
    const done = c
    set((s) => ({ ...endLive(s, assistant.id), ...(s.current.id === done.id ? { current: done } : {}) }))
    await save(c)
  }

  return {
    conversations: [],
    current: emptyConversation('', 'off'),
    live: {},
    streaming: [],
    newChat() {
      const s = get()
      const model =
        s.current.model ||
        usePrefs.getState().lastModel ||
        (s.models.find((m) => !notForChat(m)) ?? s.models[0])?.id ||
        ''
      set({ current: followDefault(emptyConversation(model, 'off'), s), view: 'chat' })
    },
    async open(id) {
      const b = get().bridge
      if (!b) return
      try {
        const c = await b.invoke('conversations.get', { id })
        set({ current: c, view: 'chat' })
      } catch (err) {
        get().notify(`Could not open the conversation: ${errorOf(err)}`)
      }
    },
    async remove(id) {
      await get().bridge?.invoke('conversations.delete', { id })
      if (get().current.id === id) get().newChat()
      await get().refreshList()
    },
    async rename(id, title) {
      await get().bridge?.invoke('conversations.rename', { id, title })
      if (get().current.id === id) set({ current: { ...get().current, title } })
      await get().refreshList()
    },
    async refreshList() {
      const b = get().bridge
      if (b) set({ conversations: await b.invoke('conversations.list', {}) })
    },
    setModel(model) {
      usePrefs.getState().useModel(model)
      const c = followDefault({ ...get().current, model }, get())
      set({ current: c })
      void save(c)
    },
    patchCurrent(patch) {
      // A mode the user picks for this conversation overrides the settings' default from now on.
      const pin = patch.redaction !== undefined ? { redactionPinned: true } : {}
      const c = { ...get().current, ...patch, ...pin, updatedAt: Date.now() }
      set({ current: c })
      void save(c)
    },
    async send(text, images) {
      const c0 = get().current
      if (!c0.model) {
        get().setPicker(true)
        return
      }
      const user: Message = {
        id: newId(),
        parentId: c0.currentLeafId,
        role: 'user',
        content: text,
        createdAt: Date.now(),
        ...(images?.length ? { images } : {}),
      }
      let c = addMessage(followDefault(c0, get()), user)
      if (!c0.messages.length) c = { ...c, title: titleFrom(text) }
      set({ current: c })
      usePrefs.getState().useModel(c.model)
      await answer(user.id, c.model)
    },
    async regenerate(assistantId, model) {
      const m = get().current.messages.find((x) => x.id === assistantId)
      if (!m?.parentId) return
      await answer(m.parentId, model ?? get().current.model)
    },
    async editAndResend(userId, text) {
      const c0 = get().current
      const old = c0.messages.find((x) => x.id === userId)
      if (!old) return
      const user: Message = { ...old, id: newId(), content: text, createdAt: Date.now() }
      set({ current: addMessage(c0, user) })
      await answer(user.id, c0.model)
    },
    stop() {
      for (const key of get().streaming) controllers.get(key)?.abort()
    },
    switchBranch(id, step) {
      const c = get().current
      const leaf = nextBranch(c.messages, id, step)
      if (!leaf) return
      const next = { ...c, currentLeafId: leaf }
      set({ current: next })
      void save(next)
    },
  }
}

/** The mode a conversation's model gets by default (settings, then the provider's local flag). */
export function defaultModeForModel(
  s: Pick<AppState, 'settings' | 'providers'>,
  model: string,
): RedactionMode {
  if (!s.settings) return 'off'
  const id = model.split('/')[0] ?? ''
  const local = s.providers.find((p) => p.id === id)?.local ?? false
  return defaultModeFor(s.settings.redaction, { id, local })
}

/** A conversation the user has not set a mode for follows the default for its model's provider. */
function followDefault(c: Conversation, s: Pick<AppState, 'settings' | 'providers'>): Conversation {
  if (c.redactionPinned || !c.model) return c
  const redaction = defaultModeForModel(s, c.model)
  return redaction === c.redaction ? c : { ...c, redaction }
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).host : 'unknown'
  } catch {
    return 'unknown'
  }
}

const createCompare: StateCreator<AppState, [], [], CompareSlice> = (set, get) => ({
  compare: { prompt: '', columns: [] },
  setCompareModels(models) {
    set({
      compare: {
        prompt: get().compare.prompt,
        columns: models
          .slice(0, 4)
          .map((model) => ({ id: newId(), model, content: '', status: 'idle' as const })),
      },
    })
  },
  async runCompare(prompt) {
    const cols = get().compare.columns.map((c) => ({
      ...c,
      id: newId(),
      content: '',
      status: 'streaming' as const,
      error: undefined,
      meta: undefined,
      reasoning: undefined,
      reasoningDetails: undefined,
    }))
    set({ compare: { prompt, columns: cols } })
    const cur = get().current
    await Promise.all(
      cols.map(async (col) => {
        const { outcome, text, meta, reasoning } = await runStream(
          get,
          set,
          col.id,
          col.model,
          [{ role: 'user', content: prompt }],
          cur.params,
          cur.redactionPinned ? cur.redaction : defaultModeForModel(get(), col.model),
        )
        set((s) => ({
          ...endLive(s, col.id),
          compare: {
            ...s.compare,
            columns: s.compare.columns.map((c) =>
              c.id === col.id
                ? {
                    ...c,
                    content: text,
                    ...reasoning,
                    status: outcome.status,
                    ...(outcome.error ? { error: outcome.error } : {}),
                    meta,
                  }
                : c,
            ),
          },
        }))
      }),
    )
  },
  stopCompare() {
    for (const c of get().compare.columns) controllers.get(c.id)?.abort()
  },
  async continueColumn(columnId) {
    const col = get().compare.columns.find((c) => c.id === columnId)
    if (!col) return
    const prompt = get().compare.prompt
    const cur = get().current
    const base = cur.redactionPinned
      ? { ...emptyConversation(col.model, cur.redaction), redactionPinned: true }
      : followDefault(emptyConversation(col.model, 'off'), get())
    const user: Message = {
      id: newId(),
      parentId: null,
      role: 'user',
      content: prompt,
      createdAt: Date.now(),
    }
    const reply: Message = {
      id: newId(),
      parentId: user.id,
      role: 'assistant',
      content: col.content,
      ...(col.reasoning ? { reasoning: col.reasoning } : {}),
      ...(col.reasoningDetails ? { reasoningDetails: col.reasoningDetails } : {}),
      model: col.model,
      createdAt: Date.now() + 1,
      status: col.status === 'streaming' || col.status === 'idle' ? 'stopped' : col.status,
      ...(col.error ? { error: col.error } : {}),
      ...(col.meta ? { meta: col.meta } : {}),
    }
    const c = { ...addMessage(addMessage(base, user), reply), title: titleFrom(prompt) }
    set({ current: c, view: 'chat' })
    await get().bridge?.invoke('conversations.save', { conversation: c })
    await get().refreshList()
  },
})

export const useApp = create<AppState>()((...a) => ({
  ...createCore(...a),
  ...createUi(...a),
  ...createChat(...a),
  ...createCompare(...a),
}))
