/**
 * The one logger the services use. Lines are single-line JSON. Callers pass facts (provider, status,
 * timings), never keys, tokens, prompts or answers; `scrub` is a last line of defence against keys.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
  /** Whether `debug` lines are written: a caller on a hot path builds their fields only then. */
  debugging(): boolean
}

/** Strings that look like provider keys or bearer tokens, masked wherever they appear in a log line. */
const KEYISH =
  /(sk-[A-Za-z0-9_-]{8,}|AIza[0-9A-Za-z_-]{20,}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|Bearer\s+[A-Za-z0-9._~+/=-]{8,})/g

/**
 * Whether `text` may hold a KEYISH match: each of its forms starts with one of these, looked for without the
 * regular expression (a line with nothing to mask, the usual one, costs a few substring searches).
 */
function mayHoldKey(text: string): boolean {
  return (
    text.includes('sk-') ||
    text.includes('AIza') ||
    text.includes('Bearer') ||
    text.includes('xox') ||
    (text.includes('gh') && text.includes('_'))
  )
}

export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = mayHoldKey(text) ? text.replace(KEYISH, (m) => `${m.slice(0, 4)}…[masked]`) : text
  for (const s of secrets) if (s && s.length >= 4 && out.includes(s)) out = out.split(s).join('[masked]')
  return out
}

/**
 * `{"t":…,"level":…,"msg":…, ...fields}` as JSON, without building that object: the fields are
 * stringified on their own and joined on. Fields named like the line's own keys replace them, as in the
 * spread.
 */
function line(t: string, level: LogLevel, msg: string, fields?: Record<string, unknown>): string {
  if (fields && ('t' in fields || 'level' in fields || 'msg' in fields))
    return JSON.stringify({ t, level, msg, ...fields })
  const head = `{"t":"${t}","level":"${level}","msg":${JSON.stringify(msg)}`
  const rest = fields === undefined ? '{}' : JSON.stringify(fields)
  return rest.length === 2 ? `${head}}` : `${head},${rest.slice(1)}`
}

export function createLogger(
  opts: {
    level?: LogLevel
    write?: (line: string) => void
    secrets?: () => readonly string[]
  } = {},
): Logger {
  const min = ORDER[opts.level ?? 'info']
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`))
  const secrets = opts.secrets ?? (() => [])
  // Under load many lines share a millisecond: its timestamp is formatted once.
  let lastMs = -1
  let lastIso = ''
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return
    const now = Date.now()
    if (now !== lastMs) {
      lastMs = now
      lastIso = new Date(now).toISOString()
    }
    write(scrub(line(lastIso, level, msg, fields), secrets()))
  }
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    debugging: () => min <= ORDER.debug,
  }
}

/** Batches waiting to be written when the process exits. */
const pendingBatches = new Set<() => void>()
let exitHook = false

/**
 * A `write` for createLogger that collects lines and hands them to `sink` together, newline-terminated,
 * at most `ms` after the first one: under load one system call per batch instead of one per request.
 * What is still pending when the process exits (process.exit, an uncaught exception, the end of the
 * event loop) is written then; only a kill that Node cannot see loses the last `ms` of lines.
 */
export function batchedLines(sink: (text: string) => void, ms = 50): (line: string) => void {
  let pending = ''
  let timer: NodeJS.Timeout | undefined
  const flush = (): void => {
    if (timer) clearTimeout(timer)
    timer = undefined
    pendingBatches.delete(flush)
    const text = pending
    pending = ''
    if (text) sink(text)
  }
  if (!exitHook) {
    exitHook = true
    process.on('exit', () => {
      for (const f of [...pendingBatches]) f()
    })
  }
  return (line) => {
    pending += `${line}\n`
    if (!timer) {
      timer = setTimeout(flush, ms)
      timer.unref()
      pendingBatches.add(flush)
    }
  }
}

/**
 * Crash output gets the log's last line of defence too: an uncaught exception or unhandled rejection is
 * printed scrubbed (key-shaped strings, and `secrets()`: the token, the keys in use) and the process exits
 * 1, where Node would print the error, its message and its stack as they are. Batched log lines still
 * pending are written first.
 */
export function scrubCrashes(
  secrets: () => readonly string[],
  write: (text: string) => void = (text) => process.stderr.write(text),
): void {
  let crashed = false
  const report = (kind: string, err: unknown): void => {
    if (crashed) return
    crashed = true
    let text: string
    try {
      const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err)
      let known: readonly string[] = []
      try {
        known = secrets()
      } catch {}
      text = scrub(detail, known)
    } catch {
      text = '(the error could not be printed safely)'
    }
    try {
      // The log lines from before the crash first, in the order things happened.
      for (const flush of [...pendingBatches]) flush()
      write(`LocalRouter crashed (${kind}): ${text}\n`)
    } finally {
      process.exit(1)
    }
  }
  process.on('uncaughtException', (err) => report('uncaught exception', err))
  process.on('unhandledRejection', (reason) => report('unhandled rejection', reason))
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, debugging: () => false }
