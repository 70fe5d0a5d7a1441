/**
 * Looks for a secret's bytes in what LocalRouter produced: strings (HTTP responses, log output, CLI
 * output, bridge responses) and files (every file under the app's data and config folders).
 * Add a source with `collector.text(label, text)` or `collector.dir(label, path)`; `findLeaks` lists
 * where the secret showed up. The secret is searched as UTF-8, UTF-16LE, base64 and percent-encoded,
 * and its middle (what no masked form shows) on its own.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface LeakSource {
  label: string
  bytes: Buffer
}

export class LeakCollector {
  readonly sources: LeakSource[] = []
  private readonly dirs: Array<{ label: string; path: string }> = []

  text(label: string, text: string): void {
    this.sources.push({ label, bytes: Buffer.from(text, 'utf8') })
  }

  /** A Response: status line, headers and body. Returns the body text for the test's own checks. */
  async response(label: string, res: Response): Promise<string> {
    const body = await res.text()
    const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')
    this.text(label, `${res.status}\n${headers}\n\n${body}`)
    return body
  }

  /** Every file under `path`, read when `findLeaks` runs (so files written later count too). */
  dir(label: string, path: string): void {
    this.dirs.push({ label, path })
  }

  async all(): Promise<LeakSource[]> {
    const out = [...this.sources]
    for (const d of this.dirs)
      for (const file of await walk(d.path))
        out.push({ label: `${d.label}: ${file}`, bytes: await readFile(file) })
    return out
  }

  /** How many files the directories hold now (so a test can show it scanned something). */
  async fileCount(): Promise<number> {
    let n = 0
    for (const d of this.dirs) n += (await walk(d.path)).length
    return n
  }
}

async function walk(dir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return []
  }
  const files: string[] = []
  for (const e of entries) {
    const p = join(dir, e.name)
    if (e.isDirectory()) files.push(...(await walk(p)))
    else if (e.isFile()) files.push(p)
  }
  return files
}

/** The byte patterns that would mean the secret got out. */
export function secretPatterns(secret: string): Buffer[] {
  const forms = [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('base64').slice(0, -4), 'utf8'),
    Buffer.from(encodeURIComponent(secret), 'utf8'),
  ]
  const chars = Array.from(secret)
  // The part between the prefix and the last four characters: never in any masked form.
  if (chars.length >= 20) forms.push(Buffer.from(chars.slice(6, -4).join(''), 'utf8'))
  return forms
}

/** Labels of the sources that contain the secret in any of its forms. Empty means no leak. */
export async function findLeaks(secret: string, sources: LeakSource[] | LeakCollector): Promise<string[]> {
  const list = sources instanceof LeakCollector ? await sources.all() : sources
  const patterns = secretPatterns(secret)
  return list.filter((s) => patterns.some((p) => s.bytes.includes(p))).map((s) => s.label)
}
