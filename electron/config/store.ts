import { readFile } from 'node:fs/promises'
import { writeAtomic } from '../fs/atomic'
import type { z } from 'zod'
import { type Config, ConfigSchema } from './schema'

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message)
    this.name = 'ConfigError'
  }
}

/** `server.timeouts.firstByteMs: Too small: expected number to be >0` */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ')
}

/**
 * Early builds kept the chat UI's default mode in `ui.defaultRedaction`; it is the `redaction`
 * section's `mode` now. Moves it there (unless `redaction.mode` is set) and drops `ui`, in place.
 */
export function upgradeRaw(raw: unknown): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return
  const r = raw as Record<string, unknown>
  const ui = r.ui as { defaultRedaction?: unknown } | undefined
  if (typeof ui !== 'object' || ui === null || Object.keys(ui).some((k) => k !== 'defaultRedaction')) return
  delete r.ui
  if (ui.defaultRedaction === undefined || ui.defaultRedaction === 'off') return
  const red = (r.redaction ??= {}) as Record<string, unknown>
  if (typeof red === 'object' && red !== null && red.mode === undefined) red.mode = ui.defaultRedaction
}

export function parseConfig(raw: unknown, file: string): Config {
  upgradeRaw(raw)
  const result = ConfigSchema.safeParse(raw)
  if (!result.success)
    throw new ConfigError(`Invalid config in ${file}: ${describeIssues(result.error)}`, file)
  return result.data
}

/**
 * Reads and validates a config file. A missing file is an empty config; an unreadable or invalid one
 * is an error naming the file and the field, and the file is left as it is.
 */
export async function loadConfig(file: string): Promise<{ config: Config; existed: boolean }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { config: ConfigSchema.parse({}), existed: false }
    throw new ConfigError(`Cannot read config ${file}: ${(err as Error).message}`, file)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new ConfigError(`Config ${file} is not valid JSON: ${jsonSyntaxProblem(err, text)}`, file)
  }
  return { config: parseConfig(raw, file), existed: true }
}

/** Writes the whole config atomically (temp file, fsync, rename), readable by the user only. */
export async function saveConfig(file: string, config: Config): Promise<void> {
  const valid = parseConfig(config, file)
  await writeAtomic(file, `${JSON.stringify(valid, null, 2)}\n`)
}

/**
 * Changes a config file in place, keeping what the user wrote (no defaults filled in): reads the raw
 * JSON, lets `mutate` edit it, validates the result, and writes atomically. A missing file starts empty.
 */
export async function updateConfigFile(
  file: string,
  mutate: (raw: Record<string, unknown>) => void,
): Promise<Config> {
  let raw: Record<string, unknown> = {}
  let text = ''
  try {
    text = await readFile(file, 'utf8')
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      raw = parsed as Record<string, unknown>
    else throw new ConfigError(`Config ${file} must hold a JSON object`, file)
  } catch (err) {
    if (err instanceof ConfigError) throw err
    if (err instanceof SyntaxError)
      throw new ConfigError(`Cannot update config ${file}: ${jsonSyntaxProblem(err, text)}`, file)
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ConfigError(`Cannot update config ${file}: ${(err as Error).message}`, file)
  }
  upgradeRaw(raw)
  mutate(raw)
  const config = parseConfig(raw, file)
  await writeAtomic(file, `${JSON.stringify(raw, null, 2)}\n`)
  return config
}

/**
 * A JSON syntax error in words and a line and column, without the text around it: V8 quotes up to ten
 * characters either side of an unexpected token, and next to a mistake in a config file that can be part
 * of a provider key (`"apiKey": sk-...` without its quotes).
 */
export function jsonSyntaxProblem(err: unknown, text: string): string {
  const message = (err as Error)?.message ?? String(err)
  let pos: number | undefined
  const at = /at position (\d+)/.exec(message)
  if (at) pos = Number(at[1])
  // `Unexpected token 'x', ..."context"... is not valid JSON`: the token sits 10 characters into a context
  // that starts with `...`, else 10 characters before the end of one that ends with `...`.
  const quoted = /^(.*?), (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message)
  let words = message
  if (quoted) {
    words = quoted[1]!
    const start = text.indexOf(quoted[3]!)
    if (pos === undefined && start >= 0) {
      if (quoted[2]) pos = start + 10
      else if (quoted[4]) pos = start + quoted[3]!.length - 10
    }
  }
  words = words.replace(/ in JSON at position \d+$/, '').replace(/ at position \d+$/, '')
  if (pos === undefined || pos > text.length) return words
  const before = text.slice(0, pos)
  const line = before.split('\n').length
  const column = pos - before.lastIndexOf('\n')
  return `${words} at line ${line}, column ${column}`
}
