/**
 * The desktop app's log file: one JSON line per entry in `<dir>/main.log`, rotated by size
 * (main.log -> main.1.log -> ... -> main.<keep>.log, the oldest dropped). Plain Node, no Electron.
 *
 * What reaches the file: the services' own facts (provider, status, timings). Without debug logging,
 * fields that could carry a prompt, an answer, a key or a token are dropped before the line is
 * written; with debug logging they are kept, and every line is still scrubbed of key-like strings
 * and of the secrets the app knows (its token).
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createLogger, type Logger, type LogLevel, scrub } from '../log'

export interface FileSinkOptions {
  dir: string
  /** Base name, `main` -> main.log, main.1.log, ... */
  name?: string
  /** Rotate once the current file reaches this size. */
  maxBytes?: number
  /** Rotated files kept besides the current one. */
  keep?: number
}

export interface FileSink {
  readonly file: string
  write(line: string): void
}

/** Writes synchronously (lines are small and rare; nothing is lost on a crash or a quick quit). */
export function createFileSink(opts: FileSinkOptions): FileSink {
  const name = opts.name ?? 'main'
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024
  const keep = opts.keep ?? 3
  const file = join(opts.dir, `${name}.log`)
  const rotated = (n: number) => join(opts.dir, `${name}.${n}.log`)
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 })
  let size = 0
  try {
    size = statSync(file).size
  } catch {}

  const rotate = () => {
    rmSync(rotated(keep), { force: true })
    for (let n = keep - 1; n >= 1; n--) {
      try {
        renameSync(rotated(n), rotated(n + 1))
      } catch {}
    }
    try {
      if (keep > 0) renameSync(file, rotated(1))
      else rmSync(file, { force: true })
    } catch {}
    size = 0
  }

  return {
    file,
    write(line: string) {
      const text = `${line}\n`
      const bytes = Buffer.byteLength(text)
      if (size > 0 && size + bytes > maxBytes) rotate()
      try {
        appendFileSync(file, text, { mode: 0o600 })
        size += bytes
      } catch {
        // A full disk or a removed folder must never take the app down; the line goes to stderr.
        process.stderr.write(text)
      }
    },
  }
}

/** Field names whose values may hold a prompt, an answer, a key or a token. */
const CONTENT_FIELDS =
  /^(messages?|prompt|content|input|answer|output|completion|text|body|delta|choices|key|apiKey|api_key|token|authorization|headers)$/i

/** Drops content-bearing fields (any depth) unless debug logging is on. */
export function stripContent(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) {
    if (CONTENT_FIELDS.test(k)) {
      out[k] = '[omitted]'
      continue
    }
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? stripContent(v as Record<string, unknown>) : v
  }
  return out
}

/**
 * The desktop logger: lines to the rotating file (and to stderr), at `debug` level when debug
 * logging is on, else `info` with content fields omitted. Secrets are masked in every line.
 */
export function createDesktopLogger(opts: {
  sink: FileSink
  debug: () => boolean
  secrets: () => readonly string[]
  stderr?: boolean
}): Logger {
  const write = (line: string) => {
    opts.sink.write(line)
    if (opts.stderr) process.stderr.write(`${line}\n`)
  }
  const make = (level: LogLevel) => createLogger({ level, write, secrets: opts.secrets })
  const debugLogger = make('debug')
  const infoLogger = make('info')
  const pick = (level: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (opts.debug()) debugLogger[level](msg, fields)
    else infoLogger[level](scrub(msg, opts.secrets()), fields && stripContent(fields))
  }
  return {
    debug: pick('debug'),
    info: pick('info'),
    warn: pick('warn'),
    error: pick('error'),
    debugging: opts.debug,
  }
}
